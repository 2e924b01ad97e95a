import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Film, Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "../ui/toast";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { useTRPC } from "../trpc";
import {
  Button,
  ConfirmDialog,
  errorInfo,
  formatDuration,
  formatLocalDate,
  SearchField,
  Skeleton,
} from "../ui";
import { EmptyState, ErrorAlert, PageHeader } from "./kit";
import { useDebounced } from "./hooks";
import { MovieForm } from "./MovieForm";

export type Movie = inferRouterOutputs<AppRouter>["movie"]["list"]["items"][number];

type Editing = { mode: "create" } | { mode: "edit"; movie: Movie } | null;

export function MoviesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const query = useDebounced(search.trim());
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Movie | null>(null);

  const movies = useInfiniteQuery(
    trpc.movie.list.infiniteQueryOptions(
      { query: query || undefined, limit: 30 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const remove = useMutation(
    trpc.movie.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted “${deleting?.title ?? "the movie"}”`);
        setDeleting(null);
        if (editing?.mode === "edit" && editing.movie.id === deleting?.id) setEditing(null);
        await queryClient.invalidateQueries({ queryKey: trpc.movie.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.showtime.pathKey() });
      },
    }),
  );
  const items = movies.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-6">
      <PageHeader
        title="Movies"
        description="The catalogue guests browse. Deleting a film removes its showtimes too."
        actions={
          <Button onClick={() => setEditing({ mode: "create" })}>
            <Plus className="size-4" aria-hidden />
            New movie
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="space-y-4">
          <SearchField
            label="Search movies by title"
            value={search}
            onChange={setSearch}
            placeholder="Search by title"
          />
          {movies.isPending ? (
            <div role="status" aria-label="Loading movies" className="space-y-2">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-20 w-full" />
              ))}
            </div>
          ) : movies.isError ? (
            <ErrorAlert error={movies.error} title="The movies could not be loaded" />
          ) : items.length === 0 ? (
            <EmptyState title={query ? `No movie matches “${query}”` : "No movies yet"}>
              {query ? "Try another title." : "Add the first film with “New movie”."}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-zinc-800 rounded-xl border border-zinc-800">
              {items.map((movie) => (
                <li key={movie.id} className="flex items-center gap-4 p-3">
                  <Poster url={movie.posterUrl} title={movie.title} className="h-16 w-11" />
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-semibold">{movie.title}</p>
                    <p className="truncate text-sm text-zinc-400">
                      {[
                        formatDuration(movie.durationMinutes),
                        movie.rating,
                        movie.genres.join(", "),
                        movie.releaseDate && `released ${formatLocalDate(movie.releaseDate)}`,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </p>
                  </div>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setEditing({ mode: "edit", movie })}
                    aria-label={`Edit ${movie.title}`}
                  >
                    <Pencil className="size-4" aria-hidden />
                    <span className="hidden sm:inline">Edit</span>
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      remove.reset();
                      setDeleting(movie);
                    }}
                    aria-label={`Delete ${movie.title}`}
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {movies.hasNextPage && (
            <Button
              variant="secondary"
              onClick={() => void movies.fetchNextPage()}
              loading={movies.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </div>
        <aside aria-label="Movie editor">
          {editing ? (
            <MovieForm
              key={editing.mode === "edit" ? editing.movie.id : "new"}
              movie={editing.mode === "edit" ? editing.movie : null}
              onDone={() => setEditing(null)}
            />
          ) : (
            <div className="rounded-xl border border-dashed border-zinc-800 p-6 text-sm text-zinc-400">
              Choose a movie to edit, or create a new one.
            </div>
          )}
        </aside>
      </div>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.title ?? ""}”?`}
        description={
          <>
            Its showtimes without bookings go with it. This cannot be undone.
            {remove.isError && (
              <span className="mt-3 block" role="alert">
                <strong className="text-rose-300">Not deleted: </strong>
                {errorInfo(remove.error).message}
              </span>
            )}
          </>
        }
        confirmLabel="Delete movie"
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </div>
  );
}

/** A poster, or a neutral placeholder when there is none or it fails to load. */
export function Poster({
  url,
  title,
  className,
}: {
  url: string | null;
  title: string;
  className?: string;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!url || failed === url) {
    return (
      <div
        className={`flex shrink-0 items-center justify-center rounded-md bg-zinc-800 ${className ?? ""}`}
        aria-hidden
      >
        <Film className="size-5 text-zinc-400" />
      </div>
    );
  }
  return (
    <img
      src={url}
      alt={`Poster of ${title}`}
      onError={() => setFailed(url)}
      className={`shrink-0 rounded-md object-cover ${className ?? ""}`}
    />
  );
}
