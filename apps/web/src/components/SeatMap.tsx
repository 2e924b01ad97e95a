// The drawn seat map: seats placed on a CSS grid from their x/y, rows labelled on both sides,
// gaps left empty (aisles), the screen at the top. Each seat is a real button in an ARIA grid
// with one tab stop (roving tabindex): arrow keys move, Space/Enter toggle, Home/End jump
// within a row. Taken seats stay focusable (so their state can be heard) but cannot be chosen.
import { Accessibility, Check, HandHeart, Star, X } from "lucide-react";
import { type KeyboardEvent, useMemo, useRef, useState } from "react";
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
export type SeatStatus = "available" | "selected" | "held" | "sold" | "yours";

export function seatStatus(seat: SeatMapSeat, selected: ReadonlySet<string>): SeatStatus {
  if (seat.state === "MINE") return "yours";
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
        taken && "seat-taken border-zinc-700 bg-zinc-800 text-zinc-500",
        chosen && "border-amber-200 bg-amber-400 text-zinc-950",
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
  /** While a hold is being made or exists, seats cannot be toggled. */
  locked?: boolean;
};

type Row = { y: number; label: string; seats: SeatMapSeat[] };

export function SeatMap({
  seats,
  width,
  height,
  currency,
  selected,
  onToggle,
  locked = false,
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
      buttons.current.get(next.id)?.focus();
    }
  };

  const columns = `1.25rem repeat(${width}, minmax(1.125rem, 2.125rem)) 1.25rem`;
  return (
    <div className="overflow-x-auto pb-2">
      <div>
        <div className="mx-auto mb-6 max-w-md" aria-hidden>
          <div className="h-2 rounded-[50%] bg-gradient-to-b from-amber-100/80 to-amber-100/0 shadow-[0_8px_32px_rgba(253,230,138,0.35)]" />
          <p className="mt-1 text-center text-[11px] font-semibold tracking-[0.4em] text-zinc-400">
            SCREEN
          </p>
        </div>
        <div
          role="grid"
          aria-label="Seat map"
          aria-rowcount={height}
          aria-describedby="seat-map-help"
          className="mx-auto grid w-fit gap-[3px] sm:gap-1.5"
          style={{ gridTemplateColumns: columns }}
        >
          {rows.map((row, r) => (
            <div role="row" key={row.y} className="contents">
              <div
                role="rowheader"
                aria-label={`Row ${row.label}`}
                className="flex items-center justify-center text-xs font-bold text-zinc-500"
                style={{ gridColumn: 1, gridRow: r + 1 }}
              >
                {row.label}
              </div>
              {row.seats.map((seat) => {
                const status = seatStatus(seat, selected);
                const taken = isTaken(seat);
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
                      aria-disabled={taken || locked || undefined}
                      onFocus={() => setFocusId(seat.id)}
                      onKeyDown={(e) => onKeyDown(e, seat)}
                      onClick={() => {
                        if (taken || locked || seat.state === "MINE") return;
                        onToggle(seat);
                      }}
                      className={cx(
                        "block w-full rounded-md transition-transform focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white",
                        !taken && !locked && "hover:scale-110",
                        (taken || locked) && "cursor-not-allowed",
                      )}
                    >
                      <SeatGlyph kind={seat.kind} status={status} number={seat.number} />
                    </button>
                  </div>
                );
              })}
              <div
                aria-hidden
                className="flex items-center justify-center text-xs font-bold text-zinc-500"
                style={{ gridColumn: width + 2, gridRow: r + 1 }}
              >
                {row.label}
              </div>
            </div>
          ))}
        </div>
        <p id="seat-map-help" className="sr-only">
          Use the arrow keys to move between seats and Space or Enter to choose or release a seat.
        </p>
      </div>
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
