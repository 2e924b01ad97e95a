// The domain's enum values are written by hand (the web app must not load Prisma); this is
// where they are held to prisma/schema.prisma.
import { expect, it } from "vitest";
import {
  RESERVATION_STATUSES,
  ROLES,
  SEAT_KINDS,
  SHOWTIME_STATUSES,
  type ReservationStatus as DomainReservationStatus,
  type Role as DomainRole,
  type SeatKind as DomainSeatKind,
  type ShowtimeStatus as DomainShowtimeStatus,
} from "@marquee/domain";
import { ReservationStatus, Role, SeatKind, ShowtimeStatus } from "./generated/prisma/enums";

/** true only when A and B are the same union, so a value or a drift either way breaks tsc. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameTypes = {
  seatKind: true,
  role: true,
  showtimeStatus: true,
  reservationStatus: true,
} satisfies {
  seatKind: Same<DomainSeatKind, SeatKind>;
  role: Same<DomainRole, Role>;
  showtimeStatus: Same<DomainShowtimeStatus, ShowtimeStatus>;
  reservationStatus: Same<DomainReservationStatus, ReservationStatus>;
};

it("has the same enum types as the Prisma schema", () => {
  expect(Object.values(sameTypes).every(Boolean)).toBe(true);
});

it("lists every value of the schema's enums, in the schema's order", () => {
  expect(SEAT_KINDS).toEqual(Object.values(SeatKind));
  expect(ROLES).toEqual(Object.values(Role));
  expect(SHOWTIME_STATUSES).toEqual(Object.values(ShowtimeStatus));
  expect(RESERVATION_STATUSES).toEqual(Object.values(ReservationStatus));
});
