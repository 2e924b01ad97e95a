// The booking path's statements, once: Prisma.sql builders beside the rows they return.
// Hold, confirm and cancel are one call each to a PL/pgSQL function (migration
// 20261124205000_booking_functions), so each is one round trip with no interactive
// transaction. The services run these builders through Prisma; the benchmark's raw-`pg`
// floor and its pgbench script run the very same SQL (`.text` / `.values`).
import { Prisma } from "@marquee/db";
import { type ReservationRow } from "./views";

/** The reservation view's facts as marquee_reservation_json builds them (dates as text). */
type JsonDate = string;
export type ReservationJson = Omit<
  ReservationRow,
  "holdExpiresAt" | "createdAt" | "confirmedAt" | "cancelledAt" | "showtime"
> & {
  holdExpiresAt: JsonDate | null;
  createdAt: JsonDate;
  confirmedAt: JsonDate | null;
  cancelledAt: JsonDate | null;
  startsAt: JsonDate;
  endsAt: JsonDate;
  showtimeStatus: ReservationRow["showtime"]["status"];
  cancelledReason: string | null;
  movie: ReservationRow["showtime"]["movie"];
  hall: ReservationRow["showtime"]["hall"];
};

const date = (text: JsonDate) => new Date(text);
const maybeDate = (text: JsonDate | null) => (text === null ? null : new Date(text));

/** The row shape the views are built from, out of the database's JSON. */
export function reservationRowFromJson(json: ReservationJson): ReservationRow {
  const { startsAt, endsAt, showtimeStatus, cancelledReason, movie, hall, ...r } = json;
  return {
    ...r,
    holdExpiresAt: maybeDate(r.holdExpiresAt),
    createdAt: date(r.createdAt),
    confirmedAt: maybeDate(r.confirmedAt),
    cancelledAt: maybeDate(r.cancelledAt),
    showtime: {
      id: r.showtimeId,
      startsAt: date(startsAt),
      endsAt: date(endsAt),
      status: showtimeStatus,
      cancelledReason,
      movie,
      hall,
    },
  };
}

/** One reservation as every booking procedure returns it, or null. */
export type ReservationReadRow = { reservation: ReservationJson | null };
export const readReservation = (reservationId: string) => Prisma.sql`
  SELECT marquee_reservation_json(${reservationId}::uuid) AS reservation`;

/** What marquee_hold answers: the reservation, or why not. */
export type HoldResult =
  | { outcome: "OK"; reservation: ReservationJson }
  | { outcome: "NO_SHOWTIME" | "SHOWTIME_CANCELLED" | "SALES_CLOSED" | "KEY_REUSED" }
  | { outcome: "FOREIGN_SEATS"; seatIds: string[] }
  | { outcome: "SEAT_LIMIT"; alreadyHeld: number }
  | { outcome: "TAKEN"; seats: string[] };
export type HoldRow = { result: HoldResult };

export type HoldCall = {
  userId: string;
  showtimeId: string;
  /** In seat-id order (racers lock seats in the same order). */
  seatIds: string[];
  idempotencyKey: string | null;
  now: Date;
  holdMinutes: number;
  salesCutoffMinutes: number;
  maxSeatsPerShowtime: number;
  /** Used only when the user has no live hold for the showtime to replace. */
  newReservationId: string;
  newCode: string;
};
export const hold = (h: HoldCall) => Prisma.sql`
  SELECT marquee_hold(${h.userId}::uuid, ${h.showtimeId}::uuid, ${h.seatIds}::uuid[],
    ${h.idempotencyKey}::text, ${h.now}::timestamptz, ${h.holdMinutes}::int,
    ${h.salesCutoffMinutes}::int, ${h.maxSeatsPerShowtime}::int, ${h.newReservationId}::uuid,
    ${h.newCode}::text) AS result`;

/** What marquee_confirm answers. */
export type ConfirmResult =
  | { outcome: "OK"; reservation: ReservationJson }
  | { outcome: "NOT_FOUND" | "CANCELLED" | "SHOWTIME_CANCELLED" | "SALES_CLOSED" }
  | { outcome: "HOLD_EXPIRED"; seats: string[] };
export type ConfirmRow = { result: ConfirmResult };
export const confirm = (c: {
  reservationId: string;
  userId: string;
  now: Date;
  salesCutoffMinutes: number;
}) => Prisma.sql`
  SELECT marquee_confirm(${c.reservationId}::uuid, ${c.userId}::uuid, ${c.now}::timestamptz,
    ${c.salesCutoffMinutes}::int) AS result`;

/** What marquee_cancel answers. */
export type CancelResult =
  | { outcome: "OK" | "NOT_LIVE"; reservation: ReservationJson }
  | { outcome: "NOT_FOUND" | "STARTED" };
export type CancelRow = { result: CancelResult };
export const cancel = (c: {
  reservationId: string;
  userId: string;
  /** Admins cancel anyone's reservation. */
  anyOwner: boolean;
  now: Date;
}) => Prisma.sql`
  SELECT marquee_cancel(${c.reservationId}::uuid, ${c.userId}::uuid, ${c.anyOwner}::boolean,
    ${c.now}::timestamptz) AS result`;
