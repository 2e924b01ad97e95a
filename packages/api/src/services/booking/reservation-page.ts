// One page of reservations for a list (staff search, My bookings): read with the view's
// select, one row beyond the page to know whether another follows, seen at the request's now.
import { type Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { toPage, type Cursor, type Page } from "../pagination";
import {
  reservationSelect,
  toReservationView,
  type ReservationRow,
  type ReservationView,
} from "./views";

export async function reservationPage(
  deps: Pick<Context, "db" | "now" | "config">,
  query: {
    where: Prisma.ReservationWhereInput;
    orderBy: Prisma.ReservationOrderByWithRelationInput[];
    limit: number;
  },
  cursorOf: (row: ReservationRow) => Cursor,
): Promise<Page<ReservationView>> {
  const now = deps.now();
  const rows = await deps.db.reservation.findMany({
    where: query.where,
    orderBy: query.orderBy,
    take: query.limit + 1,
    select: reservationSelect,
  });
  return toPage(
    rows,
    query.limit,
    (r) => toReservationView(r, { now, timeZone: deps.config.timeZone }),
    cursorOf,
  );
}
