// Hall layouts: one string per row, screen first; one character per place.
//   S standard, P premium, W wheelchair space, C companion seat, _ gap (aisle).
// Rows are labelled A, B, … Z, AA, AB, …; seats are numbered from 1, left to right,
// skipping gaps (seat "B3").

import { type SeatKind } from "./enums";

const KIND_BY_CHAR: Record<string, SeatKind> = {
  S: "STANDARD",
  P: "PREMIUM",
  W: "WHEELCHAIR",
  C: "COMPANION",
};
export const GAP = "_";
export const MAX_ROWS = 40;
export const MAX_ROW_LENGTH = 60;

export type LayoutSeat = {
  row: string;
  number: number;
  label: string;
  kind: SeatKind;
  /** Column in the grid, gaps included (0-based). */
  x: number;
  /** Row in the grid, 0 nearest the screen. */
  y: number;
};

export type LayoutIssue = { row: number | null; message: string };

/** A, B, … Z, AA, AB, … (like spreadsheet columns). */
export function rowLabel(index: number): string {
  let n = index + 1;
  let label = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    label = String.fromCharCode(65 + rem) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
}

/** Every problem with a layout, each naming its row; empty when the layout is valid. */
export function validateLayout(layout: readonly string[]): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  if (layout.length === 0) issues.push({ row: null, message: "a layout needs at least one row" });
  if (layout.length > MAX_ROWS) {
    issues.push({ row: null, message: `a layout has at most ${MAX_ROWS} rows` });
  }
  layout.forEach((line, i) => {
    const label = rowLabel(i);
    if (line.length === 0) {
      issues.push({ row: i, message: `row ${label} is empty (use _ for gaps)` });
      return;
    }
    if (line.length > MAX_ROW_LENGTH) {
      issues.push({ row: i, message: `row ${label} has more than ${MAX_ROW_LENGTH} places` });
    }
    const bad = [...new Set([...line].filter((ch) => ch !== GAP && !(ch in KIND_BY_CHAR)))];
    if (bad.length > 0) {
      issues.push({
        row: i,
        message: `row ${label} has unknown place ${bad.map((c) => JSON.stringify(c)).join(", ")} (use S, P, W, C or _)`,
      });
    }
  });
  if (issues.length === 0 && layout.every((line) => [...line].every((ch) => ch === GAP))) {
    issues.push({ row: null, message: "a layout needs at least one seat" });
  }
  return issues;
}

export class LayoutError extends Error {
  constructor(readonly issues: LayoutIssue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

/** The seats a layout describes; throws LayoutError when it is invalid. */
export function seatsFromLayout(layout: readonly string[]): LayoutSeat[] {
  const issues = validateLayout(layout);
  if (issues.length > 0) throw new LayoutError(issues);
  const seats: LayoutSeat[] = [];
  layout.forEach((line, y) => {
    const row = rowLabel(y);
    let number = 0;
    [...line].forEach((ch, x) => {
      const kind = KIND_BY_CHAR[ch];
      if (!kind) return;
      number += 1;
      seats.push({ row, number, label: `${row}${number}`, kind, x, y });
    });
  });
  return seats;
}
