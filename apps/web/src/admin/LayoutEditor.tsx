// The hall layout editor: a grid of places (click or type to change them), a text view of
// the same layout, the validation messages and a live seat-map preview. Validation and seat
// numbering come from @marquee/domain, the very functions the server runs on save.
import { Minus, Plus, Trash2 } from "lucide-react";
import { type KeyboardEvent, useRef, useState } from "react";
import {
  GAP,
  MAX_ROW_LENGTH,
  MAX_ROWS,
  rowLabel,
  seatsFromLayout,
  validateLayout,
  type LayoutIssue,
  type SeatKind,
} from "@marquee/domain";
import { SeatGlyph } from "../components/SeatMap";
import { Button, cx } from "../ui";
import { TextAreaField } from "./kit";

/** Clicking a place cycles through the kinds in this order. */
const CYCLE = ["S", "P", "W", "C", GAP] as const;
type Place = (typeof CYCLE)[number];

const PLACE_NAME: Record<Place, string> = {
  S: "standard seat",
  P: "premium seat",
  W: "wheelchair space",
  C: "companion seat",
  [GAP]: "gap",
};

const KIND_NAME: Record<SeatKind, string> = {
  STANDARD: "standard",
  PREMIUM: "premium",
  WHEELCHAIR: "wheelchair space",
  COMPANION: "companion seat",
};

/** The seat kind of a place; seats are drawn with the guests' own SeatGlyph (one palette). */
const PLACE_KIND: Record<Exclude<Place, typeof GAP>, SeatKind> = {
  S: "STANDARD",
  P: "PREMIUM",
  W: "WHEELCHAIR",
  C: "COMPANION",
};

const isPlace = (ch: string): ch is Place => (CYCLE as readonly string[]).includes(ch);

function setPlace(layout: readonly string[], row: number, col: number, place: Place): string[] {
  return layout.map((line, r) => {
    if (r !== row) return line;
    const padded = line.padEnd(col, GAP);
    return padded.slice(0, col) + place + padded.slice(col + 1);
  });
}

/** Seat numbers per place of a row (null for gaps), numbered like the server does. */
function numbersOf(line: string): (number | null)[] {
  let n = 0;
  return [...line].map((ch) => (ch !== GAP && isPlace(ch) ? (n += 1) : null));
}

export type LayoutEditorProps = {
  layout: string[];
  onChange: (layout: string[]) => void;
  /** Errors from the server about the layout (e.g. seats that have bookings). */
  serverErrors?: readonly string[];
};

export function LayoutEditor({ layout, onChange, serverErrors = [] }: LayoutEditorProps) {
  const issues = validateLayout(layout);
  const width = Math.max(1, ...layout.map((l) => l.length));
  const [active, setActive] = useState({ row: 0, col: 0 });
  const grid = useRef<HTMLDivElement>(null);
  const issuesByRow = new Map<number, LayoutIssue[]>();
  for (const issue of issues) {
    if (issue.row !== null)
      issuesByRow.set(issue.row, [...(issuesByRow.get(issue.row) ?? []), issue]);
  }

  function focusCell(row: number, col: number) {
    const r = Math.max(0, Math.min(layout.length - 1, row));
    const c = Math.max(0, Math.min(width - 1, col));
    setActive({ row: r, col: c });
    grid.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`)?.focus();
  }

  function onCellKey(event: KeyboardEvent, row: number, col: number) {
    const key = event.key;
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[key];
    if (move) {
      event.preventDefault();
      focusCell(row + move[0], col + move[1]);
      return;
    }
    const typed = key === "-" || key === "Delete" || key === "Backspace" ? GAP : key.toUpperCase();
    if (isPlace(typed)) {
      event.preventDefault();
      onChange(setPlace(layout, row, col, typed));
    }
  }

  const addRow = () =>
    onChange([...layout, layout.at(-1) ?? "S".repeat(Math.min(width, MAX_ROW_LENGTH))]);
  const removeRow = (row: number) => onChange(layout.filter((_, r) => r !== row));
  const addColumn = () => onChange(layout.map((line) => line.padEnd(width, GAP) + "S"));
  const removeColumn = () =>
    onChange(layout.map((line) => (line.length >= width ? line.slice(0, width - 1) : line)));

  return (
    <div className="space-y-6">
      <section aria-labelledby="layout-grid-title" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="layout-grid-title" className="font-semibold">
            Layout
          </h3>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={addRow}
              disabled={layout.length >= MAX_ROWS}
              aria-label="Add a row at the back"
            >
              <Plus className="size-4" aria-hidden /> Row
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={addColumn}
              disabled={width >= MAX_ROW_LENGTH}
              aria-label="Add a column on the right"
            >
              <Plus className="size-4" aria-hidden /> Column
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={removeColumn}
              disabled={width <= 1}
              aria-label="Remove the rightmost column"
            >
              <Minus className="size-4" aria-hidden /> Column
            </Button>
          </div>
        </div>
        <p id="layout-grid-help" className="text-xs text-zinc-400">
          Screen at the top. Click a place to cycle standard → premium → wheelchair → companion →
          gap, or focus it and type S, P, W, C, or _ / Delete for a gap; arrow keys move.
        </p>
        <div className="overflow-x-auto pb-2">
          <div
            ref={grid}
            role="grid"
            aria-label="Hall layout"
            aria-describedby="layout-grid-help"
            className="inline-flex flex-col gap-1"
          >
            {layout.map((line, r) => {
              const label = rowLabel(r);
              const numbers = numbersOf(line);
              const rowIssues = issuesByRow.get(r) ?? [];
              return (
                <div role="row" key={r} className="flex items-center gap-1">
                  <span
                    role="rowheader"
                    className={cx(
                      "w-7 text-right font-mono text-xs",
                      rowIssues.length > 0 ? "font-bold text-rose-400" : "text-zinc-400",
                    )}
                    title={rowIssues.map((i) => i.message).join("; ") || undefined}
                  >
                    {rowIssues.length > 0 && <span aria-hidden>! </span>}
                    {label}
                    {rowIssues.length > 0 && <span className="sr-only"> (has problems)</span>}
                  </span>
                  {Array.from({ length: width }, (_, c) => {
                    const ch = line[c];
                    const missing = ch === undefined;
                    const place: Place | null = ch !== undefined && isPlace(ch) ? ch : null;
                    const number = numbers[c] ?? null;
                    const name = missing
                      ? "beyond the end of the row"
                      : place
                        ? PLACE_NAME[place]
                        : `unknown place "${ch}"`;
                    return (
                      <span role="gridcell" key={c}>
                        <button
                          type="button"
                          data-cell={`${r}:${c}`}
                          tabIndex={active.row === r && active.col === c ? 0 : -1}
                          aria-label={`Row ${label}, place ${c + 1}: ${name}${number ? ` (${label}${number}), number ${number}` : ""}`}
                          onFocus={() => setActive({ row: r, col: c })}
                          onClick={() => {
                            const next = place
                              ? CYCLE[(CYCLE.indexOf(place) + 1) % CYCLE.length]
                              : "S";
                            onChange(setPlace(layout, r, c, next ?? "S"));
                          }}
                          onKeyDown={(e) => onCellKey(e, r, c)}
                          className={cx(
                            "flex size-7 items-center justify-center rounded font-mono text-xs leading-none",
                            "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-300",
                            missing
                              ? "border border-dotted border-zinc-800 text-zinc-700"
                              : place === GAP
                                ? "border border-dashed border-zinc-700 bg-transparent text-zinc-400"
                                : place
                                  ? ""
                                  : "border border-rose-500 bg-rose-950 text-rose-200",
                          )}
                        >
                          {missing ? (
                            ""
                          ) : place === GAP ? (
                            "·"
                          ) : place ? (
                            <SeatGlyph
                              kind={PLACE_KIND[place]}
                              status="available"
                              number={number ?? undefined}
                            />
                          ) : (
                            ch
                          )}
                        </button>
                      </span>
                    );
                  })}
                  <span role="gridcell">
                    <button
                      type="button"
                      onClick={() => removeRow(r)}
                      aria-label={`Remove row ${label}`}
                      className="ml-1 rounded p-1 text-zinc-400 hover:text-rose-300 focus-visible:outline-2 focus-visible:outline-amber-300"
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </button>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
        {layout.length === 0 && (
          <Button variant="secondary" size="sm" onClick={() => onChange(["SSSSSSSS"])}>
            Start with one row
          </Button>
        )}
      </section>

      <section aria-labelledby="layout-issues-title" aria-live="polite" className="space-y-2">
        <h3 id="layout-issues-title" className="sr-only">
          Layout problems
        </h3>
        {issues.length === 0 && serverErrors.length === 0 ? (
          <p className="text-sm text-emerald-300">✓ The layout is valid.</p>
        ) : (
          <ul className="space-y-1 text-sm text-rose-300" aria-label="Layout problems">
            {issues.map((issue, i) => (
              <li key={`i${i}`}>
                {issue.row !== null && (
                  <span className="mr-1 font-mono font-bold">Row {rowLabel(issue.row)}:</span>
                )}
                {issue.message}
              </li>
            ))}
            {serverErrors.map((message, i) => (
              <li key={`s${i}`}>{message}</li>
            ))}
          </ul>
        )}
      </section>

      <TextAreaField
        label="Text view"
        hint="One line per row, screen first: S standard, P premium, W wheelchair, C companion, _ gap."
        rows={Math.min(12, Math.max(3, layout.length + 1))}
        spellCheck={false}
        className="font-mono"
        value={layout.join("\n")}
        onChange={(e) => onChange(e.target.value.split("\n"))}
      />

      <SeatMapPreview layout={layout} />
    </div>
  );
}

/** The seat map guests will see, drawn from seatsFromLayout (rows, numbers, kinds). */
export function SeatMapPreview({ layout }: { layout: readonly string[] }) {
  const issues = validateLayout(layout);
  if (issues.length > 0) {
    return (
      <section aria-labelledby="preview-title" className="space-y-2">
        <h3 id="preview-title" className="font-semibold">
          Preview
        </h3>
        <p className="rounded-lg border border-dashed border-zinc-700 p-4 text-sm text-zinc-400">
          Fix the problems above to see the seat map.
        </p>
      </section>
    );
  }
  const seats = seatsFromLayout(layout);
  const width = Math.max(...layout.map((l) => l.length));
  const counts = new Map<SeatKind, number>();
  for (const seat of seats) counts.set(seat.kind, (counts.get(seat.kind) ?? 0) + 1);
  return (
    <section aria-labelledby="preview-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="preview-title" className="font-semibold">
          Preview
        </h3>
        <p className="text-sm text-zinc-400" data-testid="preview-summary">
          {seats.length} seats
          {[...counts].map(([kind, n]) => ` · ${n} ${KIND_NAME[kind]}`).join("")}
        </p>
      </div>
      <div className="overflow-x-auto rounded-xl border border-zinc-800 bg-zinc-950 p-4">
        <div className="mx-auto w-fit">
          <div
            aria-hidden
            className="mx-auto mb-4 h-1.5 w-3/4 rounded-full bg-gradient-to-r from-transparent via-zinc-400 to-transparent"
          />
          <p className="mb-3 text-center text-xs tracking-[0.3em] text-zinc-400 uppercase">
            Screen
          </p>
          <ol className="space-y-1" aria-label="Seat rows">
            {layout.map((_, y) => {
              const label = rowLabel(y);
              const rowSeats = seats.filter((s) => s.y === y);
              return (
                <li key={y} className="flex items-center gap-1" aria-label={`Row ${label}`}>
                  <span aria-hidden className="w-6 text-right font-mono text-xs text-zinc-400">
                    {label}
                  </span>
                  <div
                    className="grid gap-1"
                    style={{ gridTemplateColumns: `repeat(${width}, 1.75rem)` }}
                  >
                    {rowSeats.map((seat) => (
                      <span
                        key={seat.label}
                        style={{ gridColumnStart: seat.x + 1 }}
                        title={`${seat.label}, ${KIND_NAME[seat.kind]}`}
                        className="flex size-7"
                      >
                        <span className="sr-only">{`${seat.label}, ${KIND_NAME[seat.kind]}`}</span>
                        <SeatGlyph kind={seat.kind} status="available" number={seat.number} />
                      </span>
                    ))}
                  </div>
                  <span aria-hidden className="w-6 font-mono text-xs text-zinc-400">
                    {label}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      </div>
      <ul className="flex flex-wrap gap-4 text-xs text-zinc-300" aria-label="Legend">
        {(Object.keys(KIND_NAME) as SeatKind[]).map((kind) => (
          <li key={kind} className="flex items-center gap-1.5">
            <span className="flex size-6">
              <SeatGlyph kind={kind} status="available" number={1} />
            </span>
            {KIND_NAME[kind]}
          </li>
        ))}
      </ul>
    </section>
  );
}
