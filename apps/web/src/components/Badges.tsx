import { Clock } from "lucide-react";
import { formatDuration } from "../ui";

export function RatingBadge({ rating }: { rating: string | null }) {
  if (!rating) return null;
  return (
    <span
      className="rounded border border-zinc-600 px-1.5 py-0.5 text-xs font-semibold text-zinc-200"
      aria-label={`Rated ${rating}`}
    >
      {rating}
    </span>
  );
}

export function DurationBadge({ minutes }: { minutes: number }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-zinc-400">
      <Clock className="size-3.5" aria-hidden />
      {formatDuration(minutes)}
    </span>
  );
}
