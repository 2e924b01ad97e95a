import { Link } from "react-router";
import { cx, pluralWord } from "../ui";

export type ShowtimeLike = {
  id: string;
  localTime: string;
  hall: { name: string };
  seatsAvailable: number;
};

const SEATS = { one: "seat", other: "seats" };

/**
 * A showtime as a time button leading to its seat map, with the seats left always shown; a
 * sold-out one is not a link (and says so).
 */
export function ShowtimeButton({ showtime }: { showtime: ShowtimeLike }) {
  const soldOut = showtime.seatsAvailable === 0;
  const few = !soldOut && showtime.seatsAvailable <= 10;
  const left = soldOut
    ? "sold out"
    : `${showtime.seatsAvailable} ${pluralWord(showtime.seatsAvailable, SEATS)} left`;
  const body = (
    <>
      {/* Read as one phrase that starts with what is shown: "21:15, Hall 1, 42 seats left". */}
      <span className="sr-only">{`${showtime.localTime}, ${showtime.hall.name}, ${left}`}</span>
      <span aria-hidden className="text-base font-bold tabular-nums">
        {showtime.localTime}
      </span>
      <span aria-hidden className={cx("text-[11px]", few ? "text-amber-300" : "text-zinc-300")}>
        {showtime.hall.name} · {soldOut ? "Sold out" : `${showtime.seatsAvailable} left`}
      </span>
    </>
  );
  const shape = "flex min-w-20 flex-col items-center rounded-lg border px-3 py-1.5";
  if (soldOut) {
    return (
      <span
        data-sold-out
        className={cx(shape, "cursor-not-allowed border-dashed border-zinc-700 text-zinc-300")}
      >
        {body}
      </span>
    );
  }
  return (
    <Link
      to={`/showtimes/${showtime.id}`}
      className={cx(
        shape,
        "border-zinc-700 bg-zinc-900 transition-colors hover:border-amber-400 hover:bg-zinc-800",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300",
      )}
    >
      {body}
    </Link>
  );
}
