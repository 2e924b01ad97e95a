import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { Link, useParams } from "react-router";
import { DurationBadge, RatingBadge } from "../components/Badges";
import { Poster } from "../components/Poster";
import { usePageTitle } from "../app/title";
import { ShowtimeButton } from "../components/ShowtimeButton";
import { useTRPC } from "../trpc";
import { errorInfo, formatLocalDate, formatMoney, Loading, Skeleton } from "../ui";
import { NotFoundPage } from "./NotFoundPage";

function MovieSkeleton() {
  return (
    <Loading label="Loading the film…">
      <div className="flex flex-col gap-6 sm:flex-row">
        <Skeleton className="aspect-[2/3] w-48 shrink-0" />
        <div className="flex-1 space-y-4">
          <Skeleton className="h-10 w-2/3" />
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-24 w-full" />
        </div>
      </div>
    </Loading>
  );
}

export function MoviePage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  // Seats left on each showtime stay current to the minute, as on the home page.
  const movie = useQuery({ ...trpc.movie.byId.queryOptions({ id }), refetchInterval: 60_000 });
  usePageTitle(movie.data?.title ?? null);

  if (movie.isPending) return <MovieSkeleton />;
  if (movie.isError) {
    const info = errorInfo(movie.error);
    if (info.code === "NOT_FOUND" || info.code === "BAD_REQUEST") {
      return <NotFoundPage title="Film not found" />;
    }
    return (
      <p role="alert" className="text-rose-300">
        {info.message}
      </p>
    );
  }
  const m = movie.data;
  const days = new Map<string, typeof m.upcomingShowtimes>();
  for (const s of m.upcomingShowtimes) {
    days.set(s.localDate, [...(days.get(s.localDate) ?? []), s]);
  }
  const from = m.upcomingShowtimes.reduce<{ price: number; currency: string } | null>(
    (low, s) =>
      low && low.price <= s.prices.STANDARD
        ? low
        : { price: s.prices.STANDARD, currency: s.currency },
    null,
  );

  return (
    <article className="space-y-8">
      <Link
        to="/"
        className="inline-flex items-center gap-1 rounded text-sm text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-amber-300"
      >
        <ArrowLeft className="size-4" aria-hidden /> What&apos;s on
      </Link>
      <div className="flex flex-col gap-6 sm:flex-row">
        <Poster title={m.title} posterUrl={m.posterUrl} className="w-40 shrink-0 sm:w-56" />
        <div className="space-y-4">
          <h1 className="text-3xl font-black tracking-tight sm:text-4xl">{m.title}</h1>
          <div className="flex flex-wrap items-center gap-3">
            <RatingBadge rating={m.rating} />
            <DurationBadge minutes={m.durationMinutes} />
            {m.releaseDate && (
              <span className="text-xs text-zinc-400">
                Released {formatLocalDate(m.releaseDate, "long")}
              </span>
            )}
          </div>
          {m.genres.length > 0 && (
            <p className="text-sm text-zinc-300 capitalize">{m.genres.join(" · ")}</p>
          )}
          {m.description && (
            <p className="max-w-2xl leading-relaxed text-zinc-300">{m.description}</p>
          )}
          {from && (
            <p className="text-sm text-zinc-400">
              Tickets from{" "}
              <span className="font-semibold text-zinc-100">
                {formatMoney(from.price, from.currency)}
              </span>
            </p>
          )}
        </div>
      </div>
      <section aria-labelledby="showtimes-heading" className="space-y-4">
        <h2 id="showtimes-heading" className="text-xl font-bold">
          Showtimes
        </h2>
        {days.size === 0 ? (
          <p className="text-zinc-400">No upcoming showtimes for this film.</p>
        ) : (
          <div className="space-y-5">
            {[...days].map(([date, list]) => (
              <div key={date} className="space-y-2">
                <h3 className="text-sm font-semibold text-zinc-300">
                  {formatLocalDate(date, "long")}
                </h3>
                <ul className="flex flex-wrap gap-2">
                  {list.map((s) => (
                    <li key={s.id}>
                      <ShowtimeButton showtime={s} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>
    </article>
  );
}
