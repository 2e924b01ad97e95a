import { Link } from "react-router";
import { cx } from "../ui";

export type ShowtimeLike = {
  id: string;
  localTime: string;
  hall: { name: string };
  seatsAvailable: number;
};

/** A showtime as a time button leading to its seat map. */
export function ShowtimeButton({ showtime }: { showtime: ShowtimeLike }) {
  const soldOut = showtime.seatsAvailable === 0;
  const few = !soldOut && showtime.seatsAvailable <= 10;
  const seats = soldOut
    ? "sold out"
    : `${showtime.seatsAvailable} ${showtime.seatsAvailable === 1 ? "seat" : "seats"} left`;
  return (
    <Link
      to={`/showtimes/${showtime.id}`}
      aria-label={`${showtime.localTime}, ${showtime.hall.name}, ${seats}`}
      className={cx(
        "flex min-w-20 flex-col items-center rounded-lg border px-3 py-1.5 transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300",
        soldOut
          ? "border-zinc-800 text-zinc-500 line-through"
          : "border-zinc-700 bg-zinc-900 hover:border-amber-400 hover:bg-zinc-800",
      )}
    >
      <span className="text-base font-bold tabular-nums">{showtime.localTime}</span>
      <span className={cx("text-[11px]", few ? "text-amber-300" : "text-zinc-400")}>
        {showtime.hall.name}
        {few && ` · ${showtime.seatsAvailable} left`}
      </span>
    </Link>
  );
}
