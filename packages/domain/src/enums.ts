// The schema's enums as plain values, for code that must not load Prisma (the web app).
// packages/db's enums.test.ts fails, at compile time and at run time, when they drift from
// prisma/schema.prisma.

/** In the order the web app lists them (prices, legends). */
export const SEAT_KINDS = ["STANDARD", "PREMIUM", "WHEELCHAIR", "COMPANION"] as const;
export type SeatKind = (typeof SEAT_KINDS)[number];

export const ROLES = ["USER", "ADMIN", "STAFF"] as const;
export type Role = (typeof ROLES)[number];

export const SHOWTIME_STATUSES = ["SCHEDULED", "CANCELLED"] as const;
export type ShowtimeStatus = (typeof SHOWTIME_STATUSES)[number];

export const RESERVATION_STATUSES = ["HELD", "CONFIRMED", "CANCELLED", "EXPIRED"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

const includes = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);

export const isSeatKind = (value: unknown): value is SeatKind => includes(SEAT_KINDS, value);

/**
 * A known role, or null. Callers decide what null means (refuse, sign out); an unknown role
 * (a new role read by older code, say) must never quietly become USER.
 */
export function parseRole(value: unknown): Role | null {
  return includes(ROLES, value) ? value : null;
}
