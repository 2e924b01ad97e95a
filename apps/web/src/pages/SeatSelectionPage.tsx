import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, PartyPopper } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { toast } from "sonner";
import { type Reservation, type SeatMapSeat } from "../api-types";
import { signInPath, useMe } from "../app/auth";
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
  formatMoney,
  Loading,
  Skeleton,
} from "../ui";
import { NotFoundPage } from "./NotFoundPage";

const POLL_MS = 4_000;

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
    <div className="rounded-xl border border-amber-400/40 bg-amber-400/10 p-3">
      <p className="text-sm text-amber-100">
        {seconds > 0 ? "Seats held for you for" : "Your hold has expired"}
      </p>
      <p
        role="timer"
        aria-label={
          seconds > 0 ? `${Math.ceil(seconds / 60)} minutes left to confirm` : "Hold expired"
        }
        className="font-mono text-3xl font-black text-amber-300 tabular-nums"
      >
        {formatCountdown(seconds)}
      </p>
      {seconds === 0 && (
        <p className="mt-1 text-xs text-amber-100/80">
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

  const showtime = useQuery(trpc.showtime.byId.queryOptions({ id }));
  const seatMap = useQuery({
    ...trpc.showtime.seatMap.queryOptions({ showtimeId: id }),
    refetchInterval: booking ? false : POLL_MS,
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
    toast.warning(takenMessage(lost.map((s) => s.label)), { id: "seats-taken" });
  }, [seats, selected, hold, booking, setSelected]);

  // Once seats are held, the next step is confirming: take keyboard focus there.
  const confirmButton = useRef<HTMLButtonElement>(null);
  const holdId = hold?.id;
  useEffect(() => {
    if (holdId) confirmButton.current?.focus();
  }, [holdId]);

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

  const release = useMutation(
    trpc.reservation.cancel.mutationOptions({
      onSuccess: () => {
        setHold(null);
        void refreshMap();
      },
      onError: (error) => {
        toast.error(errorInfo(error).message);
        setHold(null);
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
            className="flex items-center gap-2 text-xl font-bold text-emerald-200"
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

  return (
    <div className="space-y-6">
      {header}
      {s.status === "CANCELLED" && (
        <p
          role="alert"
          className="rounded-xl border border-rose-900 bg-rose-950/40 p-4 text-rose-200"
        >
          This showtime was cancelled{s.cancelledReason ? `: ${s.cancelledReason}` : "."}
        </p>
      )}
      {seatMap.data && !onSale && s.status !== "CANCELLED" && (
        <p
          role="status"
          className="rounded-xl border border-zinc-700 bg-zinc-900 p-4 text-zinc-300"
        >
          Ticket sales for this showtime have closed.
        </p>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_20rem]">
        <section
          aria-label="Seats"
          className="min-w-0 space-y-6 rounded-2xl border border-zinc-800 bg-zinc-900/40 p-4 sm:p-6"
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
                locked={Boolean(hold) || holdSeats.isPending || !onSale}
              />
              <SeatLegend />
              <p className="text-center text-xs text-zinc-500">
                {seatMap.data.counts.AVAILABLE} of {seatMap.data.seats.length} seats free · updates
                every few seconds
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
            {hold ? "Your held seats" : "Your seats"}
          </h2>
          {chosen.length === 0 ? (
            <p className="text-sm text-zinc-400">Choose seats on the map.</p>
          ) : (
            <ul aria-label="Selected seats" className="divide-y divide-zinc-800 text-sm">
              {chosen.map((seat) => (
                <li key={seat.id} className="flex items-center justify-between py-2">
                  <span>
                    <span className="font-semibold">{seat.label}</span>{" "}
                    <span className="text-zinc-400">{KIND_NAMES[seat.kind]}</span>
                  </span>
                  <span className="tabular-nums">{formatMoney(seat.price, currency)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="flex items-baseline justify-between border-t border-zinc-800 pt-3">
            <span className="text-zinc-300">Total</span>
            <span className="text-2xl font-black tabular-nums" aria-live="polite">
              {formatMoney(hold ? hold.total : total, currency)}
            </span>
          </p>
          {hold ? (
            <div className="space-y-3">
              {hold.expiresAt && <Countdown expiresAt={hold.expiresAt} />}
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
                className="w-full"
                disabled={confirm.isPending}
                loading={release.isPending}
                onClick={() => release.mutate({ reservationId: hold.id })}
              >
                Change seats
              </Button>
            </div>
          ) : (
            <Button
              size="lg"
              className="w-full"
              disabled={chosen.length === 0 || !onSale}
              loading={holdSeats.isPending}
              onClick={onHold}
            >
              Hold seats
            </Button>
          )}
          {!me.data && !me.isPending && (
            <p className="text-xs text-zinc-400">
              You will be asked to sign in before holding seats.
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
