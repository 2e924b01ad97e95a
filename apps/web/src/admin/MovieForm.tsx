import { useMutation, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { type FormEvent, useState } from "react";
import { toast } from "../ui/toast";
import { useTRPC } from "../trpc";
import { Button, errorInfo, TextField } from "../ui";
import { Card, ErrorAlert, fieldMessages, shownAtField, TextAreaField } from "./kit";
import { type Movie, Poster } from "./MoviesPage";

type Draft = {
  title: string;
  description: string;
  genres: string[];
  durationMinutes: string;
  rating: string;
  posterUrl: string;
  releaseDate: string;
};

const FIELDS = [
  "title",
  "description",
  "genres",
  "durationMinutes",
  "rating",
  "posterUrl",
  "releaseDate",
] as const;

function draftOf(movie: Movie | null): Draft {
  return {
    title: movie?.title ?? "",
    description: movie?.description ?? "",
    genres: movie?.genres ?? [],
    durationMinutes: movie ? String(movie.durationMinutes) : "",
    rating: movie?.rating ?? "",
    posterUrl: movie?.posterUrl ?? "",
    releaseDate: movie?.releaseDate ?? "",
  };
}

/** Same normalisation as the API, so a chip never shows a duplicate the server would merge. */
const normaliseGenre = (genre: string) => genre.trim().replace(/\s+/g, " ").toLowerCase();

export function MovieForm({ movie, onDone }: { movie: Movie | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(movie));
  const [genreText, setGenreText] = useState("");
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Draft, string>>>({});

  const onSuccess = async (saved: Movie) => {
    toast.success(movie ? `Saved “${saved.title}”` : `Added “${saved.title}”`);
    await queryClient.invalidateQueries({ queryKey: trpc.movie.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.showtime.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.movie.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.movie.update.mutationOptions({ onSuccess }));
  const mutation = movie ? update : create;
  const info = mutation.error ? errorInfo(mutation.error) : null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  function addGenres(text: string) {
    const added = text.split(",").map(normaliseGenre).filter(Boolean);
    if (added.length > 0) set("genres", [...new Set([...draft.genres, ...added])]);
    setGenreText("");
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const duration = Number(draft.durationMinutes);
    if (!Number.isInteger(duration) || draft.durationMinutes.trim() === "") {
      setLocalErrors({ durationMinutes: "Enter the running time in whole minutes." });
      return;
    }
    setLocalErrors({});
    // A genre still being typed counts, as people expect when they press Save.
    const genres = [
      ...new Set([...draft.genres, ...genreText.split(",").map(normaliseGenre)]),
    ].filter(Boolean);
    setGenreText("");
    set("genres", genres);
    const fields = {
      title: draft.title,
      description: draft.description,
      genres,
      durationMinutes: duration,
      rating: draft.rating.trim() || null,
      posterUrl: draft.posterUrl.trim() || null,
      releaseDate: draft.releaseDate || null,
    };
    if (movie) update.mutate({ id: movie.id, ...fields });
    else create.mutate(fields);
  }

  const errorFor = (field: keyof Draft) => {
    const messages = fieldMessages(info, field);
    const local = localErrors[field];
    return local ? [local, ...messages] : messages;
  };
  const posterUrl = draft.posterUrl.trim();

  return (
    <Card>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-bold">{movie ? `Edit “${movie.title}”` : "New movie"}</h2>
          <Button variant="ghost" size="sm" onClick={onDone} aria-label="Close the editor">
            <X className="size-4" aria-hidden />
          </Button>
        </div>
        {info && !shownAtField(info, FIELDS) && (
          <ErrorAlert error={mutation.error} title="Not saved" />
        )}
        <TextField
          label="Title"
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          error={errorFor("title")}
          required
        />
        <TextAreaField
          label="Description"
          rows={4}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
          error={errorFor("description")}
        />
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium text-zinc-200">Genres</legend>
          {draft.genres.length > 0 && (
            <ul className="flex flex-wrap gap-1.5" aria-label="Chosen genres">
              {draft.genres.map((genre) => (
                <li
                  key={genre}
                  className="inline-flex items-center gap-1 rounded-full border border-zinc-700 bg-zinc-800 py-0.5 pr-1 pl-2.5 text-sm"
                >
                  {genre}
                  <button
                    type="button"
                    aria-label={`Remove genre ${genre}`}
                    onClick={() =>
                      set(
                        "genres",
                        draft.genres.filter((g) => g !== genre),
                      )
                    }
                    className="rounded-full p-0.5 text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-amber-300"
                  >
                    <X className="size-3.5" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <TextField
            label="Add a genre"
            hint="Press Enter or type a comma to add it."
            value={genreText}
            onChange={(e) => {
              const value = e.target.value;
              if (value.includes(",")) addGenres(value);
              else setGenreText(value);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addGenres(genreText);
              } else if (e.key === "Backspace" && genreText === "" && draft.genres.length > 0) {
                set("genres", draft.genres.slice(0, -1));
              }
            }}
            error={errorFor("genres")}
          />
        </fieldset>
        <div className="grid grid-cols-2 gap-3">
          <TextField
            label="Duration (minutes)"
            type="number"
            inputMode="numeric"
            min={1}
            max={600}
            value={draft.durationMinutes}
            onChange={(e) => set("durationMinutes", e.target.value)}
            error={errorFor("durationMinutes")}
            required
          />
          <TextField
            label="Rating"
            placeholder="e.g. PG-13"
            value={draft.rating}
            onChange={(e) => set("rating", e.target.value)}
            error={errorFor("rating")}
          />
        </div>
        <TextField
          label="Release date"
          type="date"
          value={draft.releaseDate}
          onChange={(e) => set("releaseDate", e.target.value)}
          error={errorFor("releaseDate")}
        />
        <div className="flex gap-3">
          <TextField
            className="flex-1"
            label="Poster URL"
            type="url"
            placeholder="https://…"
            value={draft.posterUrl}
            onChange={(e) => set("posterUrl", e.target.value)}
            error={errorFor("posterUrl")}
          />
          <figure className="flex flex-col items-center gap-1">
            <Poster
              key={posterUrl}
              url={/^https?:\/\//.test(posterUrl) ? posterUrl : null}
              title={draft.title || "this movie"}
              className="h-24 w-16"
            />
            <figcaption className="text-xs text-zinc-400">Preview</figcaption>
          </figure>
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {movie ? "Save changes" : "Add movie"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
