// A customer's own reservations ("My bookings"). By default only bookings: confirmed ones,
// and those cancelled after being confirmed. A hold that was released, replaced or left to
// expire was never a booking and is not listed. Upcoming ones come soonest first, past ones
// latest first; without `when`, latest show first. An explicit `status` lists that status
// instead (the seat page looks up the customer's live hold with status HELD).
import { type Prisma } from "@marquee/db";
import { type Context, type SessionUser } from "../../context";
import { decodeCursor, instantKey, type Page } from "../pagination";
import { effectiveStatusWhere } from "./lifecycle";
import { type ReservationStatus, type ReservationView } from "./views";
import { reservationPage } from "./reservation-page";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export type MyReservationsInput = {
  status?: ReservationStatus | undefined;
  when?: "upcoming" | "past" | undefined;
  cursor?: string | undefined;
  limit: number;
};

/** What "a booking" is, as opposed to a hold: confirmed, or cancelled once confirmed. */
export const bookingWhere: Prisma.ReservationWhereInput = {
  OR: [{ status: "CONFIRMED" }, { status: "CANCELLED", confirmedAt: { not: null } }],
};

export async function myReservations(
  deps: Deps,
  input: MyReservationsInput,
): Promise<Page<ReservationView>> {
  const now = deps.now();
  const filters: Prisma.ReservationWhereInput[] = [
    { userId: deps.user.id },
    input.status ? effectiveStatusWhere(input.status, now) : bookingWhere,
  ];
  if (input.when === "upcoming") filters.push({ showtime: { startsAt: { gt: now } } });
  if (input.when === "past") filters.push({ showtime: { startsAt: { lte: now } } });
  const direction = input.when === "upcoming" ? "asc" : "desc";
  if (input.cursor) {
    // Keyset on (show start, id), in the list's direction.
    const { key: at, id } = decodeCursor(input.cursor, instantKey);
    const beyond = direction === "asc" ? "gt" : "lt";
    filters.push({
      OR: [
        { showtime: { startsAt: { [beyond]: at } } },
        { showtime: { startsAt: at }, id: { [beyond]: id } },
      ],
    });
  }
  return reservationPage(
    deps,
    {
      where: { AND: filters },
      orderBy: [{ showtime: { startsAt: direction } }, { id: direction }],
      limit: input.limit,
    },
    (r) => ({ key: r.showtime.startsAt.toISOString(), id: r.id }),
  );
}
