import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, PartyPopper } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { toast } from "../ui/toast";
import { type Reservation, type SeatMapSeat } from "../api-types";
import { signInPath, useMe } from "../app/auth";
import { usePageTitle } from "../app/title";
import { BookingCode } from "../components/BookingCode";
import { ShowtimeFacts } from "../components/ShowtimeFacts";
import { isTaken, KIND_NAMES, SeatLegend, SeatMap } from "../components/SeatMap";
import { useTRPC } from "../trpc";
import {
  Button,
  ButtonLink,
  errorInfo,
  formatCountdown,
  formatList,
  formatLocalDate,
  formatMoney,
  Loading,
  plural,
  Skeleton,
} from "../ui";
import { NotFoundPage } from "./NotFoundPage";
import { useLiveSeatMap } from "./useLiveSeatMap";

/** The selection survives the trip to sign-in and back (same tab only). */
function useStoredSelection(showtimeId: string) {
  const key = `marquee:seats:${showtimeId}`;
  const [selected, setSelected] = useState<Set<string>>(() => {
    try {
      const raw = sessionStorage.getItem(key);
      const ids: unknown = raw ? JSON.parse(raw) : [];
      return new Set(
        Array.isArray(ids) ? ids.filter((v): v is string => typeof v === "string") : [],
      );
    } catch {
      return new Set();
    }
  });
  useEffect(() => {
    try {
      if (selected.size > 0) sessionStorage.setItem(key, JSON.stringify([...selected]));
      else sessionStorage.removeItem(key);
    } catch {
      // storage may be unavailable (private mode); the selection just won't survive sign-in
    }
  }, [key, selected]);
  return [selected, setSelected] as const;
}

function takenMessage(labels: string[]): string {
  return `${formatList(labels)} ${labels.length === 1 ? "was" : "were"} just taken`;
}

function useSecondsLeft(expiresAt: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.round((Date.parse(expiresAt) - now) / 1_000)) : null;
}

const MINUTES = { one: "minute", other: "minutes" };
const SEATS = { one: "seat", other: "seats" };

function Countdown({ expiresAt }: { expiresAt: string }) {
  const seconds = useSecondsLeft(expiresAt) ?? 0;
  // Announce only at a few moments: a per-second live region would drown everything else.
  const announcement =
    seconds === 0
      ? "Your hold has expired."
      : seconds <= 60
        ? "Less than a minute left to confirm."
        : seconds <= 120
          ? "Two minutes left to confirm."
          : "";
  return (
    <div className="shrink-0 rounded-xl border border-amber-400/40 bg-amber-400/10 px-2 py-1 lg:p-3">
      <p className="text-xs text-amber-100 lg:text-sm">
        {seconds > 0 ? (
          <>
            <span className="lg:hidden">Held for</span>
            <span className="hidden lg:inline">Seats held for you for</span>
          </>
        ) : (
          "Hold expired"
        )}
      </p>
      <p
        role="timer"
        aria-label={
          seconds > 0
            ? `${plural(Math.ceil(seconds / 60), MINUTES)} left to confirm`
            : "Hold expired"
        }
        className="font-mono text-xl font-black text-amber-300 tabular-nums lg:text-3xl"
      >
        {formatCountdown(seconds)}
      </p>
      {seconds === 0 && (
        <p className="mt-1 hidden text-xs text-amber-100/80 lg:block">
          You can still confirm if nobody has taken your seats meanwhile.
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function PageSkeletonSeats() {
  return (
    <Loading label="Loading the seat map…">
      <div className="space-y-6">
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-4 w-48" />
        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <Skeleton className="h-96" />
          <Skeleton className="h-64" />
        </div>
      </div>
    </Loading>
  );
}

export function SeatSelectionPage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const [selected, setSelected] = useStoredSelection(id);
  const [hold, setHold] = useState<Reservation | null>(null);
  const [booking, setBooking] = useState<Reservation | null>(null);
  // "Change seats": the hold stays while other seats are picked, then is replaced by them.
  const [changing, setChanging] = useState(false);

  const showtime = useQuery(trpc.showtime.byId.queryOptions({ id }));
  const st = showtime.data;
  usePageTitle(st ? `${st.movie.title}, ${formatLocalDate(st.localDate)} ${st.localTime}` : null);
  // Live over SSE; polled only while the stream is not open.
  const live = useLiveSeatMap(id, { enabled: showtime.isSuccess && !booking });
  const seatMap = useQuery({
    ...trpc.showtime.seatMap.queryOptions({ showtimeId: id }),
    refetchInterval: booking ? false : live.pollInterval,
    enabled: showtime.isSuccess,
  });
  const seats = seatMap.data?.seats;
  const seatById = useMemo(() => new Map((seats ?? []).map((s) => [s.id, s])), [seats]);

  // Come back to a hold made earlier (e.g. after a reload).
  const held = useQuery({
    ...trpc.reservation.mine.queryOptions({ status: "HELD", when: "upcoming", limit: 20 }),
    enabled: Boolean(me.data) && !hold && !booking,
  });
  useEffect(() => {
    const mine = held.data?.items.find((r) => r.showtimeId === id && r.status === "HELD");
    if (mine && !hold && !booking) {
      setHold(mine);
      setSelected(new Set(mine.seats.map((s) => s.id)));
    }
  }, [held.data, id, hold, booking, setSelected]);

  // A chosen seat that someone else took meanwhile is dropped, with a message saying so.
  const lastMap = useRef<typeof seats>(undefined);
  useEffect(() => {
    if (!seats || seats === lastMap.current || hold || booking) return;
    lastMap.current = seats;
    const lost = seats.filter((s) => selected.has(s.id) && isTaken(s));
    if (lost.length === 0) return;
    setSelected((prev) => new Set([...prev].filter((sid) => !lost.some((s) => s.id === sid))));
    toast.warning(
      `${takenMessage(lost.map((s) => s.label))} by someone else: removed from your seats`,
      { id: "seats-taken" },
    );
  }, [seats, selected, hold, booking, setSelected]);

  // Once booked, the confirm button is gone: focus goes to the news, not to the page body.
  const bookedHeading = useRef<HTMLHeadingElement>(null);
  const bookingId = booking?.id;
  useEffect(() => {
    if (bookingId) bookedHeading.current?.focus();
  }, [bookingId]);

  // Once seats are held, the next step is confirming: take keyboard focus there.
  const confirmButton = useRef<HTMLButtonElement>(null);
  const holdId = hold?.id;
  const holdSeatIds = hold?.seats.map((seat) => seat.id).join(",");
  useEffect(() => {
    if (!holdId) return;
    // Changing seats: focus goes to the map; done or kept: back to confirming.
    if (changing) {
      document.querySelector<HTMLButtonElement>('[role="grid"] button[tabindex="0"]')?.focus();
    } else confirmButton.current?.focus();
  }, [holdId, holdSeatIds, changing]);

  const refreshMap = () =>
    queryClient.invalidateQueries({ queryKey: trpc.showtime.seatMap.queryKey({ showtimeId: id }) });

  /** Drops seats someone else took (named by label, as errors name them) from the selection. */
  const unselectLabels = (labels: readonly string[]) => {
    const lost = new Set(labels);
    setSelected(
      (prev) => new Set([...prev].filter((sid) => !lost.has(seatById.get(sid)?.label ?? ""))),
    );
  };

  const holdSeats = useMutation(
    trpc.reservation.hold.mutationOptions({
      onSuccess: (reservation) => {
        setHold(reservation);
        setChanging(false);
        void refreshMap();
      },
      onError: (error) => {
        const info = errorInfo(error);
        if (info.code === "UNAUTHORIZED") return; // the app sends the guest to sign in
        if (info.details?.reason === "SEATS_TAKEN") {
          unselectLabels(info.details.seats);
          toast.error(`${takenMessage(info.details.seats)}. Please choose other seats.`, {
            id: "seats-taken",
          });
        } else {
          toast.error(info.message);
        }
        void refreshMap();
      },
    }),
  );

  const confirm = useMutation(
    trpc.reservation.confirm.mutationOptions({
      onSuccess: (reservation) => {
        setBooking(reservation);
        setHold(null);
        setSelected(new Set());
        void refreshMap();
        void queryClient.invalidateQueries({ queryKey: trpc.reservation.mine.pathKey() });
        toast.success(`Booked! Your code is ${reservation.code}.`);
      },
      onError: (error) => {
        const info = errorInfo(error);
        if (info.code === "UNAUTHORIZED") return;
        if (info.details?.reason === "HOLD_EXPIRED") {
          unselectLabels(info.details.seats);
          setHold(null);
        }
        toast.error(info.message);
        void refreshMap();
      },
    }),
  );

  if (showtime.isPending) return <PageSkeletonSeats />;
  if (showtime.isError) {
    const info = errorInfo(showtime.error);
    if (info.code === "NOT_FOUND" || info.code === "BAD_REQUEST") {
      return <NotFoundPage title="Showtime not found" />;
    }
    return (
      <p role="alert" className="text-rose-300">
        {info.message}
      </p>
    );
  }
  const s = showtime.data;
  const currency = seatMap.data?.currency ?? s.currency;
  const chosen = [...selected]
    .map((sid) => seatById.get(sid))
    .filter((seat): seat is SeatMapSeat => Boolean(seat))
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const total = chosen.reduce((sum, seat) => sum + seat.price, 0);
  const onSale = seatMap.data?.onSale ?? false;

  const toggle = (seat: SeatMapSeat) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(seat.id)) next.delete(seat.id);
      else next.add(seat.id);
      return next;
    });

  const onHold = () => {
    if (!me.data) {
      toast.info("Sign in to hold your seats; they will still be chosen when you come back.");
      void navigate(signInPath(location.pathname));
      return;
    }
    holdSeats.mutate({
      showtimeId: id,
      seatIds: chosen.map((seat) => seat.id),
      idempotencyKey: crypto.randomUUID(),
    });
  };

  const header = (
    <div className="space-y-2">
      <Link
        to={`/movies/${s.movie.id}`}
        className="inline-flex items-center gap-1 rounded text-sm text-zinc-400 hover:text-white focus-visible:outline-2 focus-visible:outline-amber-300"
      >
        <ArrowLeft className="size-4" aria-hidden /> {s.movie.title}
      </Link>
      <h1 className="text-2xl font-black tracking-tight sm:text-3xl">{s.movie.title}</h1>
      <ShowtimeFacts localDate={s.localDate} localTime={s.localTime} hallName={s.hall.name} />
    </div>
  );

  if (booking) {
    return (
      <div className="mx-auto max-w-xl space-y-6">
        {header}
        <section
          aria-labelledby="booked-heading"
          className="space-y-5 rounded-2xl border border-emerald-700/60 bg-emerald-950/30 p-6"
        >
          <h2
            id="booked-heading"
            ref={bookedHeading}
            tabIndex={-1}
            className="flex items-center gap-2 text-xl font-bold text-emerald-200 focus:outline-none"
          >
            <PartyPopper className="size-6" aria-hidden /> You&apos;re booked!
          </h2>
          <BookingCode code={booking.code} />
          <p className="text-sm text-zinc-300">
            Seats {formatList(booking.seats.map((seat) => seat.label))} ·{" "}
            <span className="font-semibold">{formatMoney(booking.total, booking.currency)}</span>
          </p>
          <p className="text-sm text-zinc-400">Show the code or the QR code at the door.</p>
          <div className="flex flex-wrap gap-2">
            <ButtonLink to="/bookings">My bookings</ButtonLink>
            <ButtonLink to="/" variant="secondary">
              Back to what&apos;s on
            </ButtonLink>
          </div>
        </section>
      </div>
    );
  }

  const cancelled = s.status === "CANCELLED";
  const soldOut = Boolean(seatMap.data) && seatMap.data?.counts.AVAILABLE === 0 && onSale;
  const heldIds = new Set(hold?.seats.map((seat) => seat.id) ?? []);
  const sameAsHold =
    Boolean(hold) && chosen.length === heldIds.size && chosen.every((seat) => heldIds.has(seat.id));
  const keepSeats = () => {
    setSelected(new Set(heldIds));
    setChanging(false);
  };
  const chosenLabels = chosen.map((seat) => seat.label);

  // One set of actions: a sticky bar at the bottom of a phone's screen (with the seats, the
  // total and the countdown), the foot of the summary on wider screens.
  const actions = (
    <div
      data-testid="booking-bar"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-zinc-700 bg-zinc-950/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur lg:static lg:border-0 lg:bg-transparent lg:p-0 lg:backdrop-blur-none"
    >
      <div className="mx-auto flex max-w-6xl items-center gap-3 lg:flex-col lg:items-stretch">
        <div className="min-w-0 flex-1 lg:hidden">
          <p className="truncate text-sm text-zinc-200">
            {chosen.length === 0
              ? "No seats chosen"
              : `${plural(chosen.length, SEATS)}: ${formatList(chosenLabels)}`}
          </p>
          <p className="text-lg font-black tabular-nums">
            {formatMoney(hold && !changing ? hold.total : total, currency)}
          </p>
        </div>
        {hold?.expiresAt && <Countdown expiresAt={hold.expiresAt} />}
        {hold && !changing ? (
          <div className="flex shrink-0 flex-col gap-1 lg:gap-3">
            <Button
              ref={confirmButton}
              size="lg"
              className="w-full"
              loading={confirm.isPending}
              onClick={() => confirm.mutate({ reservationId: hold.id })}
            >
              Confirm booking
            </Button>
            <Button
              variant="ghost"
              size="sm"
              className="w-full lg:h-10"
              disabled={confirm.isPending}
              onClick={() => setChanging(true)}
            >
              Change seats
            </Button>
          </div>
        ) : hold ? (
          <div className="flex shrink-0 flex-col gap-1 lg:gap-3">
            <Button
              size="lg"
              className="w-full"
              disabled={chosen.length === 0 || sameAsHold || !onSale}
              loading={holdSeats.isPending}
              onClick={onHold}
            >
              Hold these seats instead
            </Button>
            <Button variant="ghost" size="sm" className="w-full lg:h-10" onClick={keepSeats}>
              Keep my seats
            </Button>
          </div>
        ) : (
          <Button
            size="lg"
            className="shrink-0 lg:w-full"
            disabled={chosen.length === 0 || !onSale}
            loading={holdSeats.isPending}
            onClick={onHold}
          >
            Hold seats
          </Button>
        )}
      </div>
    </div>
  );

  return (
    <div className="space-y-6 pb-36 lg:pb-0">
      {header}
      {cancelled && (
        <div
          role="alert"
          className="space-y-3 rounded-xl border border-rose-900 bg-rose-950/40 p-4 text-rose-100"
        >
          <p className="font-semibold">
            This showtime was cancelled{s.cancelledReason ? `: ${s.cancelledReason}` : "."}
          </p>
          <p className="text-sm">
            No seats can be booked for it. Bookings made for it are refunded.
          </p>
          <ButtonLink to={`/movies/${s.movie.id}`} variant="secondary">
            Other showtimes of {s.movie.title}
          </ButtonLink>
        </div>
      )}
      {seatMap.data && !onSale && !cancelled && (
        <p
          role="status"
          className="rounded-xl border border-zinc-700 bg-zinc-900 p-4 text-zinc-200"
        >
          Ticket sales for this showtime have closed.
        </p>
      )}
      {soldOut && !hold && (
        <p
          role="status"
          className="rounded-xl border border-amber-700 bg-amber-950/40 p-4 text-amber-100"
        >
          Sold out: every seat of this showtime is taken.{" "}
          <Link
            to={`/movies/${s.movie.id}`}
            className="font-semibold underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-amber-300"
          >
            See other showtimes
          </Link>
        </p>
      )}
      {!cancelled && (
        <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
          <section
            aria-label="Seats"
            className="min-w-0 space-y-6 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-3 sm:p-6"
          >
            {seatMap.data ? (
              <>
                <SeatMap
                  seats={seatMap.data.seats}
                  width={seatMap.data.width}
                  height={seatMap.data.height}
                  currency={currency}
                  selected={selected}
                  onToggle={toggle}
                  locked={(Boolean(hold) && !changing) || holdSeats.isPending || !onSale}
                  hold={hold ? { seatIds: heldIds, changing } : null}
                />
                <SeatLegend />
                <p className="text-center text-xs text-zinc-300" data-testid="seat-map-status">
                  {seatMap.data.counts.AVAILABLE === 0
                    ? "No seats free"
                    : `${seatMap.data.counts.AVAILABLE} of ${plural(seatMap.data.seats.length, SEATS)} free`}{" "}
                  ·{" "}
                  {live.live
                    ? "Live"
                    : `Reconnecting… last update ${new Date(seatMap.dataUpdatedAt).toLocaleTimeString()}`}
                </p>
                <p aria-live="polite" className="sr-only">
                  {live.announcement}
                </p>
              </>
            ) : seatMap.isError ? (
              <p role="alert" className="text-rose-300">
                {errorInfo(seatMap.error).message}
              </p>
            ) : (
              <Loading label="Loading the seat map…">
                <Skeleton className="mx-auto h-80 max-w-2xl" />
              </Loading>
            )}
          </section>

          <aside
            aria-labelledby="summary-heading"
            className="space-y-4 rounded-2xl border border-zinc-800 bg-zinc-900 p-5 lg:sticky lg:top-20"
          >
            <h2 id="summary-heading" className="text-lg font-bold">
              {hold && !changing ? "Your held seats" : "Your seats"}
            </h2>
            {changing && (
              <p className="text-sm text-amber-100">
                Your seats stay held while you choose others. The new seats replace them, with the
                same time left to confirm.
              </p>
            )}
            {chosen.length === 0 ? (
              <p className="text-sm text-zinc-300">Choose seats on the map.</p>
            ) : (
              <ul aria-label="Selected seats" className="divide-y divide-zinc-800 text-sm">
                {chosen.map((seat) => (
                  <li key={seat.id} className="flex items-center justify-between py-2">
                    <span>
                      <span className="font-semibold">{seat.label}</span>{" "}
                      <span className="text-zinc-300">{KIND_NAMES[seat.kind]}</span>
                    </span>
                    <span className="tabular-nums">{formatMoney(seat.price, currency)}</span>
                  </li>
                ))}
              </ul>
            )}
            <p className="flex items-baseline justify-between border-t border-zinc-800 pt-3">
              <span className="text-zinc-300">Total</span>
              <span className="text-2xl font-black tabular-nums" aria-live="polite">
                {formatMoney(hold && !changing ? hold.total : total, currency)}
              </span>
            </p>
            {actions}
            {!me.data && !me.isPending && (
              <p className="text-xs text-zinc-300">
                You will be asked to sign in before holding seats.
              </p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
