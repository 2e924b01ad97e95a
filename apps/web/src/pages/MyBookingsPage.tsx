import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { toast } from "../ui/toast";
import { type RouterOutputs } from "../api-types";
import { Poster } from "../components/Poster";
import { BookingCode } from "../components/BookingCode";
import { ShowtimeFacts } from "../components/ShowtimeFacts";
import { useTRPC } from "../trpc";
import {
  Button,
  ButtonLink,
  ConfirmDialog,
  cx,
  errorInfo,
  formatList,
  formatLocalDate,
  formatMoney,
  Loading,
  Skeleton,
} from "../ui";

type Booking = RouterOutputs["reservation"]["mine"]["items"][number];
type When = "upcoming" | "past";

const STATUS_STYLE: Record<Booking["status"], { text: string; className: string }> = {
  CONFIRMED: { text: "Confirmed", className: "border-emerald-600 text-emerald-300" },
  HELD: { text: "Held, not confirmed", className: "border-amber-500 text-amber-300" },
  CANCELLED: { text: "Cancelled", className: "border-rose-600 text-rose-300" },
  EXPIRED: { text: "Expired hold", className: "border-zinc-600 text-zinc-400" },
};

/**
 * A reservation carries its cinema-local date but not its local time; the showtime itself
 * does (these small queries are batched into one request by the tRPC link).
 */
function BookingCard({ booking }: { booking: Booking }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const headingId = useId();
  const titleLink = useRef<HTMLAnchorElement>(null);
  const cancel = useMutation(
    trpc.reservation.cancel.mutationOptions({
      onSuccess: async () => {
        setAsking(false);
        toast.success(`Booking ${booking.code} cancelled. Your seats are free again.`);
        await queryClient.invalidateQueries({ queryKey: trpc.reservation.mine.pathKey() });
        // The Cancel button (where the dialog returned focus) is gone now: stay on this card.
        titleLink.current?.focus();
      },
      onError: (error) => {
        setAsking(false);
        toast.error(errorInfo(error).message);
      },
    }),
  );
  const s = booking.showtime;
  const live = booking.status === "CONFIRMED" || booking.status === "HELD";
  const cancellable = live && s.status === "SCHEDULED" && Date.parse(s.startsAt) > Date.now();
  const status = STATUS_STYLE[booking.status];
  return (
    <article
      aria-labelledby={headingId}
      className={cx(
        "flex flex-col gap-4 rounded-2xl border bg-zinc-900/60 p-4 sm:flex-row sm:p-5",
        live ? "border-zinc-800" : "border-zinc-900 opacity-90",
      )}
    >
      <div className="hidden w-24 shrink-0 sm:block">
        <Poster title={s.movie.title} posterUrl={s.movie.posterUrl} />
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="text-lg font-bold">
            <Link
              ref={titleLink}
              to={`/movies/${s.movie.id}`}
              className="rounded hover:text-amber-300 focus-visible:outline-2 focus-visible:outline-amber-300"
            >
              {s.movie.title}
            </Link>
          </h2>
          <span
            className={cx(
              "rounded-full border px-2 py-0.5 text-xs font-semibold",
              status.className,
            )}
          >
            {status.text}
          </span>
        </div>
        <ShowtimeFacts localDate={s.localDate} localTime={s.localTime} hallName={s.hall.name} />
        {s.status === "CANCELLED" && (
          <p className="rounded-lg bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
            The cinema cancelled this showtime{s.cancelledReason ? `: ${s.cancelledReason}` : "."}
          </p>
        )}
        <p className="text-sm text-zinc-300">
          {booking.seats.length === 1 ? "Seat" : "Seats"}{" "}
          {formatList(booking.seats.map((seat) => seat.label))} ·{" "}
          <span className="font-semibold">{formatMoney(booking.total, booking.currency)}</span>
        </p>
        {cancellable && (
          <div className="pt-1">
            <Button variant="secondary" size="sm" onClick={() => setAsking(true)}>
              Cancel booking
            </Button>
            <ConfirmDialog
              open={asking}
              onOpenChange={setAsking}
              title="Cancel this booking?"
              description={`${s.movie.title}, ${formatLocalDate(s.localDate, "long")}, seats ${formatList(
                booking.seats.map((seat) => seat.label),
              )}. The seats will be released at once.`}
              confirmLabel="Cancel booking"
              cancelLabel="Keep booking"
              pending={cancel.isPending}
              onConfirm={() => cancel.mutate({ reservationId: booking.id })}
            />
          </div>
        )}
      </div>
      {booking.status === "CONFIRMED" && (
        <BookingCode code={booking.code} size={112} className="sm:flex-col sm:items-end" />
      )}
      {booking.status !== "CONFIRMED" && (
        <p className="font-mono text-sm text-zinc-500 sm:self-start">{booking.code}</p>
      )}
    </article>
  );
}

function BookingList({ when }: { when: When }) {
  const trpc = useTRPC();
  const bookings = useInfiniteQuery(
    trpc.reservation.mine.infiniteQueryOptions(
      { when, limit: 10 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  if (bookings.isPending) {
    return (
      <Loading label="Loading your bookings…">
        <div className="space-y-4">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      </Loading>
    );
  }
  if (bookings.isError) {
    return (
      <p role="alert" className="text-rose-300">
        {errorInfo(bookings.error).message}
      </p>
    );
  }
  const items = bookings.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <div className="space-y-4 rounded-2xl border border-zinc-800 p-8 text-center">
        <p className="text-zinc-400">
          {when === "upcoming" ? "No upcoming bookings yet." : "No past bookings."}
        </p>
        {when === "upcoming" && <ButtonLink to="/">Find a film</ButtonLink>}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {items.map((booking) => (
        <BookingCard key={booking.id} booking={booking} />
      ))}
      {bookings.hasNextPage && (
        <Button
          variant="secondary"
          loading={bookings.isFetchingNextPage}
          onClick={() => void bookings.fetchNextPage()}
        >
          Show more
        </Button>
      )}
    </div>
  );
}

export function MyBookingsPage() {
  const [params, setParams] = useSearchParams();
  const when: When = params.get("tab") === "past" ? "past" : "upcoming";
  const tabs: { value: When; label: string }[] = [
    { value: "upcoming", label: "Upcoming" },
    { value: "past", label: "Past" },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-black tracking-tight">My bookings</h1>
      <div
        role="tablist"
        aria-label="Bookings"
        className="inline-flex rounded-xl border border-zinc-800 bg-zinc-900 p-1"
      >
        {tabs.map((tab) => (
          <button
            key={tab.value}
            type="button"
            role="tab"
            id={`tab-${tab.value}`}
            aria-selected={when === tab.value}
            aria-controls="bookings-panel"
            tabIndex={when === tab.value ? 0 : -1}
            onClick={() =>
              setParams(tab.value === "past" ? { tab: "past" } : {}, { replace: true })
            }
            onKeyDown={(event) => {
              if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
                event.preventDefault();
                const other = tab.value === "past" ? "upcoming" : "past";
                setParams(other === "past" ? { tab: "past" } : {}, { replace: true });
                document.getElementById(`tab-${other}`)?.focus();
              }
            }}
            className={cx(
              "rounded-lg px-4 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-amber-300",
              when === tab.value ? "bg-zinc-700 text-white" : "text-zinc-400 hover:text-white",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="bookings-panel" aria-labelledby={`tab-${when}`}>
        <BookingList key={when} when={when} />
      </div>
    </div>
  );
}
