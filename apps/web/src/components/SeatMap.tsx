// The drawn seat map: seats placed on a CSS grid from their x/y, rows labelled on both sides,
// gaps left empty (aisles), the screen at the top. Each seat is a real button in an ARIA grid
// with one tab stop (roving tabindex): arrow keys move, Space/Enter toggle, Home/End jump
// within a row. Taken seats stay focusable (so their state can be heard) but cannot be chosen.
// On a phone the map zooms (buttons, or a pinch) and pans (scrolls), so a seat is never a
// target under 24×24 CSS px (WCAG 2.5.8): the map starts at the largest size that fits, but
// never below a comfortable minimum, and scrolls when the hall is wider than the screen.
import { Accessibility, Check, HandHeart, Star, Ticket, X, ZoomIn, ZoomOut } from "lucide-react";
import {
  type KeyboardEvent,
  type TouchEvent,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { type SeatMapSeat } from "../api-types";
import { cx, formatMoney } from "../ui";

export type SeatKind = SeatMapSeat["kind"];

export const KIND_NAMES: Record<SeatKind, string> = {
  STANDARD: "standard",
  PREMIUM: "premium",
  WHEELCHAIR: "wheelchair space",
  COMPANION: "companion seat",
};

/** How a seat reads for the viewer right now. */
export type SeatStatus = "available" | "selected" | "held" | "sold" | "yours" | "booked";

/** The viewer's own hold on this map: its seats, and whether they are being changed. */
export type OwnHold = { seatIds: ReadonlySet<string>; changing: boolean };

export function seatStatus(
  seat: SeatMapSeat,
  selected: ReadonlySet<string>,
  hold: OwnHold | null = null,
): SeatStatus {
  if (seat.state === "MINE") {
    // MINE covers both the viewer's hold and seats they already bought for this show.
    if (!hold?.seatIds.has(seat.id)) return "booked";
    if (!hold.changing) return "yours";
    return selected.has(seat.id) ? "selected" : "available";
  }
  if (seat.state === "SOLD") return "sold";
  if (seat.state === "HELD") return "held";
  return selected.has(seat.id) ? "selected" : "available";
}

const STATUS_TEXT: Record<SeatStatus, string> = {
  available: "available",
  selected: "selected",
  held: "taken",
  sold: "sold",
  yours: "held for you",
  booked: "booked by you",
};

export function seatLabel(seat: SeatMapSeat, currency: string, status: SeatStatus): string {
  return `Row ${seat.row}, seat ${seat.number}, ${KIND_NAMES[seat.kind]}, ${formatMoney(seat.price, currency)}, ${STATUS_TEXT[status]}`;
}

export function isTaken(seat: SeatMapSeat): boolean {
  return seat.state === "HELD" || seat.state === "SOLD";
}

function KindIcon({ kind, className }: { kind: SeatKind; className?: string }) {
  const props = { className: cx("size-3.5", className), "aria-hidden": true, strokeWidth: 2.5 };
  if (kind === "PREMIUM") return <Star {...props} />;
  if (kind === "WHEELCHAIR") return <Accessibility {...props} />;
  if (kind === "COMPANION") return <HandHeart {...props} />;
  return null;
}

/** The visual of one seat, shared by the map and its legend. */
export function SeatGlyph({
  kind,
  status,
  number,
  className,
}: {
  kind: SeatKind;
  status: SeatStatus;
  number?: number;
  className?: string;
}) {
  const taken = status === "held" || status === "sold";
  const chosen = status === "selected" || status === "yours";
  const booked = status === "booked";
  return (
    <span
      aria-hidden
      className={cx(
        // Seat kinds differ by shape as well as by icon: premium seats are wider-cornered
        // "armchairs" with a thick top, accessible places are circles.
        "relative flex aspect-square w-full items-center justify-center border-2 text-[10px] leading-none font-bold select-none",
        kind === "WHEELCHAIR" || kind === "COMPANION"
          ? "rounded-full"
          : "rounded-t-lg rounded-b-sm",
        kind === "PREMIUM" && "border-t-4",
        taken && "seat-taken border-zinc-700 bg-zinc-800 text-zinc-400",
        chosen && "border-amber-200 bg-amber-400 text-zinc-950",
        booked && "border-emerald-200 bg-emerald-500 text-zinc-950",
        status === "available" &&
          (kind === "PREMIUM"
            ? "border-violet-300 bg-violet-900/70 text-violet-100"
            : kind === "STANDARD"
              ? "border-sky-300/70 bg-sky-900/60 text-sky-100"
              : "border-emerald-300 bg-emerald-900/70 text-emerald-100"),
        className,
      )}
    >
      {taken ? (
        <X className="size-3.5" strokeWidth={3} />
      ) : booked ? (
        <Ticket className="size-3.5" strokeWidth={2.5} />
      ) : chosen ? (
        <Check className="size-3.5" strokeWidth={3} />
      ) : kind === "STANDARD" ? (
        (number ?? "")
      ) : (
        <KindIcon kind={kind} />
      )}
    </span>
  );
}

export type SeatMapProps = {
  seats: readonly SeatMapSeat[];
  width: number;
  height: number;
  currency: string;
  selected: ReadonlySet<string>;
  onToggle: (seat: SeatMapSeat) => void;
  /** While a hold is being made, or exists and is not being changed, seats cannot be toggled. */
  locked?: boolean;
  /** The viewer's current hold on this showtime, if any. */
  hold?: OwnHold | null;
};

type Row = { y: number; label: string; seats: SeatMapSeat[] };

/** Seat sizes in CSS px: never a target under 24 px; 44 px and up are the comfortable ones. */
export const SEAT_MIN = 24;
export const SEAT_MAX = 56;
/** The zoom buttons' stops: the minimum, a comfortable middle, the recommended 44 px, large. */
const SEAT_STOPS = [SEAT_MIN, 32, 44, SEAT_MAX];
/** Where the map starts when the hall is wider than the screen: comfortably above the minimum. */
const SEAT_START_MIN = 32;
const SEAT_START_MAX = 40;
const GAP = 4;
const LABEL = 20;

const clampSeat = (px: number) => Math.min(SEAT_MAX, Math.max(SEAT_MIN, Math.round(px)));

/** The seat size that fits `available` px across `columns` seats (plus row labels, gaps). */
function fittingSize(available: number, columns: number): number {
  return Math.floor((available - 2 * LABEL - (columns + 1) * GAP) / Math.max(1, columns));
}

/**
 * The zoom: a seat size, changed by buttons (about the view's centre) or by a two-finger
 * pinch (about the fingers), keeping that point of the hall under it while the size changes.
 */
function useSeatZoom(columns: number) {
  const viewport = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(SEAT_START_MAX);
  const chosenByUser = useRef(false);
  const anchor = useRef<{ x: number; y: number; from: number } | null>(null);
  const pinch = useRef<{ distance: number; size: number } | null>(null);

  // Until the viewer zooms, follow the box's width: as large as fits, within the start range.
  useEffect(() => {
    const el = viewport.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const fit = () => {
      if (chosenByUser.current || el.clientWidth === 0) return;
      const fitting = fittingSize(el.clientWidth, columns);
      setSize(clampSeat(Math.min(SEAT_START_MAX, Math.max(SEAT_START_MIN, fitting))));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [columns]);

  // After a size change, scroll so the anchored point stays where it was.
  useLayoutEffect(() => {
    const el = viewport.current;
    const a = anchor.current;
    if (!el || !a || a.from === size) return;
    const ratio = (size + GAP) / (a.from + GAP);
    el.scrollLeft = (el.scrollLeft + a.x) * ratio - a.x;
    el.scrollTop = (el.scrollTop + a.y) * ratio - a.y;
    anchor.current = null;
  }, [size]);

  const zoomTo = (next: number, at?: { x: number; y: number }) => {
    const el = viewport.current;
    chosenByUser.current = true;
    const target = clampSeat(next);
    if (el && target !== size) {
      const point = at ?? { x: el.clientWidth / 2, y: el.clientHeight / 2 };
      // A pinch changes the size many times before React renders: keep the first "from".
      anchor.current = { ...point, from: anchor.current?.from ?? size };
    }
    setSize(target);
  };

  const distance = (e: TouchEvent) => {
    const [a, b] = [e.touches[0], e.touches[1]];
    return a && b ? Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY) : 0;
  };
  const touchHandlers = {
    onTouchStart: (e: TouchEvent) => {
      if (e.touches.length === 2) pinch.current = { distance: distance(e), size };
    },
    onTouchMove: (e: TouchEvent) => {
      const start = pinch.current;
      const el = viewport.current;
      const [a, b] = [e.touches[0], e.touches[1]];
      if (!start || !el || !a || !b || start.distance === 0) return;
      const box = el.getBoundingClientRect();
      zoomTo(start.size * (distance(e) / start.distance), {
        x: (a.clientX + b.clientX) / 2 - box.left,
        y: (a.clientY + b.clientY) / 2 - box.top,
      });
    },
    onTouchEnd: (e: TouchEvent) => {
      if (e.touches.length < 2) pinch.current = null;
    },
  };
  return {
    viewport,
    size,
    zoomIn: () => zoomTo(SEAT_STOPS.find((stop) => stop > size) ?? SEAT_MAX),
    zoomOut: () => zoomTo(SEAT_STOPS.findLast((stop) => stop < size) ?? SEAT_MIN),
    touchHandlers,
  };
}

export function SeatMap({
  seats,
  width,
  height,
  currency,
  selected,
  onToggle,
  locked = false,
  hold = null,
}: SeatMapProps) {
  const rows = useMemo<Row[]>(() => {
    const byY = new Map<number, SeatMapSeat[]>();
    for (const seat of seats) byY.set(seat.y, [...(byY.get(seat.y) ?? []), seat]);
    return [...byY.entries()]
      .sort(([a], [b]) => a - b)
      .map(([y, list]) => ({
        y,
        label: list[0]?.row ?? "",
        seats: list.sort((a, b) => a.x - b.x),
      }));
  }, [seats]);

  const zoom = useSeatZoom(width);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = zoom.viewport.current;
    if (el) setOverflows(el.scrollWidth > el.clientWidth + 1);
  }, [zoom.size, zoom.viewport, seats]);

  const [focusId, setFocusId] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // The tab stop: the last focused seat if it still exists, else the first selectable seat.
  const tabStop =
    (focusId && seats.some((s) => s.id === focusId) ? focusId : null) ??
    seats.find((s) => s.state === "AVAILABLE")?.id ??
    seats[0]?.id ??
    null;

  const move = (seat: SeatMapSeat, key: string): SeatMapSeat | undefined => {
    const rowIndex = rows.findIndex((r) => r.y === seat.y);
    const row = rows[rowIndex];
    if (!row) return undefined;
    const i = row.seats.findIndex((s) => s.id === seat.id);
    if (key === "ArrowRight") return row.seats[i + 1];
    if (key === "ArrowLeft") return row.seats[i - 1];
    if (key === "Home") return row.seats[0];
    if (key === "End") return row.seats.at(-1);
    const target = rows[rowIndex + (key === "ArrowDown" ? 1 : -1)];
    if (!target) return undefined;
    // The seat straight above/below, or the nearest one across an aisle.
    return target.seats.reduce<SeatMapSeat | undefined>(
      (best, s) => (!best || Math.abs(s.x - seat.x) < Math.abs(best.x - seat.x) ? s : best),
      undefined,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, seat: SeatMapSeat) => {
    if (!["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) {
      return;
    }
    event.preventDefault();
    const next = move(seat, event.key);
    if (next) {
      setFocusId(next.id);
      buttons.current.get(next.id)?.focus({ preventScroll: false });
      buttons.current.get(next.id)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
    }
  };

  const columns = `${LABEL}px repeat(${width}, ${zoom.size}px) ${LABEL}px`;
  const zoomButton =
    "inline-flex size-11 items-center justify-center rounded-lg border border-zinc-700 bg-zinc-900 text-zinc-100 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300 disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-zinc-300" aria-live="polite">
          {overflows
            ? "Swipe or scroll to see the whole hall; pinch or use the buttons to zoom."
            : ""}
        </p>
        <div role="group" aria-label="Zoom the seat map" className="flex shrink-0 gap-2">
          <button
            type="button"
            className={zoomButton}
            aria-label="Zoom out"
            disabled={zoom.size <= SEAT_MIN}
            onClick={zoom.zoomOut}
          >
            <ZoomOut className="size-5" aria-hidden />
          </button>
          <button
            type="button"
            className={zoomButton}
            aria-label="Zoom in"
            disabled={zoom.size >= SEAT_MAX}
            onClick={zoom.zoomIn}
          >
            <ZoomIn className="size-5" aria-hidden />
          </button>
        </div>
      </div>
      <div
        ref={zoom.viewport}
        data-testid="seat-map-viewport"
        data-seat-size={zoom.size}
        // Native one-finger panning; two-finger pinches are ours (not the page's zoom).
        className="max-h-[70vh] touch-pan-x touch-pan-y overflow-auto overscroll-contain rounded-lg pb-2"
        {...zoom.touchHandlers}
      >
        <div className="w-fit min-w-full">
          <div className="mx-auto mb-6 max-w-md" aria-hidden>
            <div className="h-2 rounded-[50%] bg-gradient-to-b from-amber-100/80 to-amber-100/0 shadow-[0_8px_32px_rgba(253,230,138,0.35)]" />
            <p className="mt-1 text-center text-[11px] font-semibold tracking-[0.4em] text-zinc-300">
              SCREEN
            </p>
          </div>
          <div
            role="grid"
            aria-label="Seat map"
            aria-rowcount={height}
            aria-describedby="seat-map-help"
            className="mx-auto grid w-fit"
            style={{ gridTemplateColumns: columns, gap: GAP }}
          >
            {rows.map((row, r) => (
              <div role="row" key={row.y} className="contents">
                <div
                  role="rowheader"
                  aria-label={`Row ${row.label}`}
                  className="flex items-center justify-center text-xs font-bold text-zinc-300"
                  style={{ gridColumn: 1, gridRow: r + 1 }}
                >
                  {row.label}
                </div>
                {row.seats.map((seat) => {
                  const status = seatStatus(seat, selected, hold);
                  const choosable = !locked && (status === "available" || status === "selected");
                  return (
                    <div
                      role="gridcell"
                      key={seat.id}
                      style={{ gridColumn: seat.x + 2, gridRow: r + 1 }}
                    >
                      <button
                        type="button"
                        ref={(el) => {
                          if (el) buttons.current.set(seat.id, el);
                          else buttons.current.delete(seat.id);
                        }}
                        data-seat={seat.label}
                        tabIndex={seat.id === tabStop ? 0 : -1}
                        aria-label={seatLabel(seat, currency, status)}
                        aria-pressed={status === "selected" || status === "yours"}
                        aria-disabled={!choosable || undefined}
                        onFocus={() => setFocusId(seat.id)}
                        onKeyDown={(e) => onKeyDown(e, seat)}
                        onClick={() => {
                          if (choosable) onToggle(seat);
                        }}
                        style={{ width: zoom.size, height: zoom.size }}
                        className={cx(
                          "block rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white",
                          choosable
                            ? "motion-safe:transition-transform motion-safe:hover:scale-110"
                            : "cursor-not-allowed",
                        )}
                      >
                        <SeatGlyph kind={seat.kind} status={status} number={seat.number} />
                      </button>
                    </div>
                  );
                })}
                <div
                  aria-hidden
                  className="flex items-center justify-center text-xs font-bold text-zinc-300"
                  style={{ gridColumn: width + 2, gridRow: r + 1 }}
                >
                  {row.label}
                </div>
              </div>
            ))}
          </div>
        </div>
      </div>
      <p id="seat-map-help" className="sr-only">
        Use the arrow keys to move between seats and Space or Enter to choose or release a seat.
      </p>
    </div>
  );
}

export function SeatLegend() {
  const items: { label: string; kind: SeatKind; status: SeatStatus }[] = [
    { label: "Standard", kind: "STANDARD", status: "available" },
    { label: "Premium", kind: "PREMIUM", status: "available" },
    { label: "Wheelchair space", kind: "WHEELCHAIR", status: "available" },
    { label: "Companion seat", kind: "COMPANION", status: "available" },
    { label: "Your choice", kind: "STANDARD", status: "selected" },
    { label: "Booked by you", kind: "STANDARD", status: "booked" },
    { label: "Taken", kind: "STANDARD", status: "sold" },
  ];
  return (
    <ul
      aria-label="Legend"
      className="flex flex-wrap justify-center gap-x-5 gap-y-2 text-xs text-zinc-300"
    >
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-2">
          <span className="w-6 shrink-0">
            <SeatGlyph kind={item.kind} status={item.status} />
          </span>
          {item.label}
        </li>
      ))}
    </ul>
  );
}
