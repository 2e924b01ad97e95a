import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { addLocalDays } from "@marquee/domain";
import { type MovieItem, type RouterOutputs } from "../api-types";
import { useCinemaToday } from "../app/cinema-day";
import { DurationBadge, RatingBadge } from "../components/Badges";
import { Poster } from "../components/Poster";
import { ShowtimeButton } from "../components/ShowtimeButton";
import { useTRPC } from "../trpc";
import { cx, formatLocalDate, Loading, localDateParts, Skeleton } from "../ui";

type ShowtimeItem = RouterOutputs["showtime"]["list"]["items"][number];

const DAYS = 14;

function DayPicker({
  days,
  value,
  onChange,
  empty,
}: {
  days: string[];
  value: string;
  onChange: (day: string) => void;
  /** Days known to have no show left to book. */
  empty: ReadonlySet<string>;
}) {
  return (
    <div role="radiogroup" aria-label="Day" className="-mx-4 flex gap-2 overflow-x-auto px-4 pb-2">
      {days.map((day, i) => {
        const parts = localDateParts(day);
        const selected = day === value;
        return (
          <button
            key={day}
            type="button"
            role="radio"
            aria-checked={selected}
            aria-label={`${i === 0 ? "Today, " : i === 1 ? "Tomorrow, " : ""}${formatLocalDate(day, "long")}${empty.has(day) ? ", no shows" : ""}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(day)}
            onKeyDown={(event) => {
              const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              event.preventDefault();
              const next = days[Math.min(days.length - 1, Math.max(0, i + step))];
              if (next) {
                onChange(next);
                const buttons = event.currentTarget.parentElement?.querySelectorAll("button");
                buttons?.[days.indexOf(next)]?.focus();
              }
            }}
            className={cx(
              "flex w-16 shrink-0 flex-col items-center rounded-xl border py-2 transition-colors",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300",
              selected
                ? "border-amber-400 bg-amber-400 text-zinc-950"
                : empty.has(day)
                  ? "border-dashed border-zinc-800 bg-zinc-950 text-zinc-400 hover:border-zinc-600"
                  : "border-zinc-800 bg-zinc-900 text-zinc-300 hover:border-zinc-600",
            )}
          >
            <span className="text-[11px] font-semibold uppercase">
              {i === 0 ? "Today" : parts.weekday}
            </span>
            <span className="text-xl font-black tabular-nums">{parts.day}</span>
            <span className="text-[11px]">{empty.has(day) ? "No shows" : parts.month}</span>
          </button>
        );
      })}
    </div>
  );
}

function MovieCard({ movie, showtimes }: { movie: MovieItem; showtimes: ShowtimeItem[] }) {
  const headingId = useId();
  return (
    <article
      aria-labelledby={headingId}
      className="flex gap-4 rounded-2xl border border-zinc-800 bg-zinc-900/60 p-3 sm:p-4"
    >
      <Link to={`/movies/${movie.id}`} tabIndex={-1} aria-hidden className="w-24 shrink-0 sm:w-32">
        <Poster title={movie.title} posterUrl={movie.posterUrl} />
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <h2 id={headingId} className="text-lg leading-tight font-bold sm:text-xl">
          <Link
            to={`/movies/${movie.id}`}
            className="rounded hover:text-amber-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300"
          >
            {movie.title}
          </Link>
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <RatingBadge rating={movie.rating} />
          <DurationBadge minutes={movie.durationMinutes} />
          {movie.genres.map((genre) => (
            <span
              key={genre}
              className="rounded-full bg-zinc-800 px-2 py-0.5 text-xs text-zinc-300 capitalize"
            >
              {genre}
            </span>
          ))}
        </div>
        {movie.description && (
          <p className="line-clamp-2 text-sm text-zinc-400">{movie.description}</p>
        )}
        <div className="mt-auto pt-1">
          {showtimes.length > 0 ? (
            <ul aria-label={`Showtimes of ${movie.title}`} className="flex flex-wrap gap-2">
              {showtimes.map((s) => (
                <li key={s.id}>
                  <ShowtimeButton showtime={s} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-zinc-400">No more showtimes this day.</p>
          )}
        </div>
      </div>
    </article>
  );
}

function MoviesSkeleton() {
  return (
    <Loading label="Loading films…">
      <div className="grid gap-4 lg:grid-cols-2">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="flex gap-4 rounded-2xl border border-zinc-800 p-4">
            <Skeleton className="aspect-[2/3] w-24 sm:w-32" />
            <div className="flex-1 space-y-3">
              <Skeleton className="h-6 w-3/4" />
              <Skeleton className="h-4 w-1/2" />
              <div className="flex gap-2 pt-4">
                <Skeleton className="h-12 w-20" />
                <Skeleton className="h-12 w-20" />
              </div>
            </div>
          </div>
        ))}
      </div>
    </Loading>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function WhatsOnPage() {
  const trpc = useTRPC();
  const { today, isError: todayFailed } = useCinemaToday();
  const [params, setParams] = useSearchParams();
  const days = useMemo(
    () => (today ? Array.from({ length: DAYS }, (_, i) => addLocalDays(today, i)) : []),
    [today],
  );
  // Which days still have a show to book: one tiny query per day (batched by the link).
  const [startedAt] = useState(() => new Date().toISOString());
  const dayChecks = useQueries({
    queries: days.map((d, i) => ({
      ...trpc.showtime.list.queryOptions({
        date: d,
        ...(i === 0 ? { from: startedAt } : {}),
        limit: 1,
      }),
      staleTime: 300_000,
    })),
  });
  const empty = new Set(days.filter((_, i) => dayChecks[i]?.data?.items.length === 0));
  const nextWithShows = (after: number) =>
    days.find((d, i) => i > after && dayChecks[i]?.data && dayChecks[i].data.items.length > 0);
  const requested = params.get("day");
  // With no day asked for, today, or the next day with shows once today has none left.
  const todayEmpty = days[0] !== undefined && empty.has(days[0]);
  const day =
    requested && days.includes(requested)
      ? requested
      : todayEmpty
        ? (nextWithShows(0) ?? days[0] ?? null)
        : (days[0] ?? null);
  const jumpedFromToday = !requested && todayEmpty && day !== days[0];
  const nextDay = day ? nextWithShows(days.indexOf(day)) : undefined;
  const genre = params.get("genre") ?? "";
  const [search, setSearch] = useState(params.get("q") ?? "");
  const query = useDebounced(search.trim(), 250);

  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if ((params.get("q") ?? "") !== query) update({ q: query });
    // Only the debounced query drives the URL (so typing does not flood the history).
  }, [query]);

  const allMovies = useQuery({
    ...trpc.movie.list.queryOptions({ limit: 100 }),
    staleTime: 300_000,
  });
  const genres = useMemo(
    () => [...new Set((allMovies.data?.items ?? []).flatMap((m) => m.genres))].sort(),
    [allMovies.data],
  );
  const movies = useQuery({
    ...trpc.movie.list.queryOptions({
      date: day ?? "",
      ...(query ? { query } : {}),
      ...(genre ? { genre } : {}),
      limit: 100,
    }),
    enabled: Boolean(day),
    placeholderData: keepPreviousData,
  });
  const showtimes = useQuery({
    ...trpc.showtime.list.queryOptions({ date: day ?? "", limit: 100 }),
    enabled: Boolean(day),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  const byMovie = useMemo(() => {
    const map = new Map<string, ShowtimeItem[]>();
    const now = Date.now();
    for (const s of showtimes.data?.items ?? []) {
      // Comparing instants is zone-free; a show that has started cannot be booked.
      if (Date.parse(s.startsAt) <= now) continue;
      const list = map.get(s.movie.id) ?? [];
      list.push(s);
      map.set(s.movie.id, list);
    }
    return map;
  }, [showtimes.data]);

  const searchId = useId();
  const genreId = useId();
  const loading = !day || movies.isPending || showtimes.isPending;
  const failed = todayFailed || movies.isError || showtimes.isError;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-black tracking-tight sm:text-4xl">What&apos;s on</h1>
          <p className="mt-1 text-zinc-400">
            {day ? formatLocalDate(day, "long") : <Skeleton className="inline-block h-4 w-48" />}
          </p>
        </div>
      </div>

      {days.length > 0 ? (
        <DayPicker
          days={days}
          value={day ?? ""}
          onChange={(d) => update({ day: d === days[0] && !todayEmpty ? "" : d })}
          empty={empty}
        />
      ) : (
        <div className="flex gap-2" aria-hidden>
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-20 w-16 shrink-0 rounded-xl" />
          ))}
        </div>
      )}

      <div className="flex flex-col gap-3 sm:flex-row">
        <div className="relative flex-1">
          <label htmlFor={searchId} className="sr-only">
            Search films by title or description
          </label>
          <Search
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
            aria-hidden
          />
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search films"
            className="h-11 w-full rounded-lg border border-zinc-700 bg-zinc-900 pr-3 pl-9 text-zinc-100 placeholder:text-zinc-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-300"
          />
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={genreId} className="text-sm text-zinc-400">
            Genre
          </label>
          <select
            id={genreId}
            value={genre}
            onChange={(e) => update({ genre: e.target.value })}
            className="h-11 rounded-lg border border-zinc-700 bg-zinc-900 px-3 text-zinc-100 capitalize focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-300"
          >
            <option value="">All genres</option>
            {genres.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
      </div>

      {jumpedFromToday && day && (
        <p
          role="status"
          className="rounded-xl border border-zinc-700 bg-zinc-900 p-3 text-zinc-200"
        >
          No more shows today: here is {formatLocalDate(day, "long")}.
        </p>
      )}
      {failed ? (
        <p
          role="alert"
          className="rounded-xl border border-rose-900 bg-rose-950/40 p-4 text-rose-200"
        >
          The programme could not be loaded. Please try again in a moment.
        </p>
      ) : loading ? (
        <MoviesSkeleton />
      ) : movies.data.items.length === 0 ? (
        <p className="rounded-xl border border-zinc-800 p-8 text-center text-zinc-400">
          {query || genre
            ? "No films match your search on this day."
            : "Nothing is showing on this day."}
          {nextDay && !query && !genre && (
            <button
              type="button"
              onClick={() => update({ day: nextDay })}
              className="mt-3 block w-full font-semibold text-amber-300 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-amber-300"
            >
              Go to {formatLocalDate(nextDay, "long")}, the next day with shows
            </button>
          )}
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2" aria-busy={movies.isFetching || undefined}>
          {movies.data.items.map((movie) => (
            <MovieCard key={movie.id} movie={movie} showtimes={byMovie.get(movie.id) ?? []} />
          ))}
        </div>
      )}
    </div>
  );
}
