// Reading reservations: one by booking code, and the admin's list (the user's own list is
// list-my-bookings.ts).
import { type Prisma } from "@marquee/db";
import { localDayRange, normalizeBookingCode } from "@marquee/domain";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { FIFTEEN_MINUTES, giveBack, takeSlots } from "../auth/throttle";
import { decodeCursor, type Page, type PageInput } from "../pagination";
import { effectiveStatusWhere as statusWhere } from "./lifecycle";
import {
  reservationSelect,
  toReservationView,
  type ReservationStatus,
  type ReservationView,
} from "./views";
import { reservationPage } from "./reservation-page";

type Deps = Pick<Context, "db" | "now" | "config">;

/** Newest first; ids are UUIDv7 (time-ordered), so the id alone is the keyset position. */
async function page(
  deps: Deps,
  where: Prisma.ReservationWhereInput,
  input: PageInput,
): Promise<Page<ReservationView>> {
  const after = input.cursor ? decodeCursor(input.cursor).id : null;
  return reservationPage(
    deps,
    {
      where: { AND: [where, after ? { id: { lt: after } } : {}] },
      orderBy: [{ id: "desc" }],
      limit: input.limit,
    },
    (r) => ({ key: "", id: r.id }),
  );
}

/** Misses allowed per user and per address in 15 minutes before code lookups pause. */
export const CODE_LOOKUP_MISSES = 20;

export async function reservationByCode(
  deps: Deps & Pick<Context, "clientIp"> & { user: SessionUser },
  input: { code: string },
): Promise<ReservationView> {
  const code = normalizeBookingCode(input.code);
  // Staff at the door and admins look up any booking, and are not throttled.
  const anyBooking = deps.user.role === "ADMIN" || deps.user.role === "STAFF";
  const limit = { max: CODE_LOOKUP_MISSES, windowMs: FIFTEEN_MINUTES };
  // Counted before the lookup, given back on a hit: only misses add up, however parallel.
  const slots = anyBooking
    ? []
    : await takeSlots(
        deps,
        [
          { kind: "CODE_LOOKUP", key: `user ${deps.user.id}`, limit },
          { kind: "CODE_LOOKUP", key: `address ${deps.clientIp}`, limit },
        ],
        "Too many booking codes tried. Please wait a few minutes.",
      );
  // Unknown codes and other people's codes take the same query and get the same answer.
  const row = await deps.db.reservation.findFirst({
    where: { code, ...(anyBooking ? {} : { userId: deps.user.id }) },
    select: reservationSelect,
  });
  if (!row) throw new AppError("NOT_FOUND", `No booking with code ${code}`);
  if (slots.length > 0) await giveBack(deps, slots);
  return toReservationView(row, { now: deps.now(), timeZone: deps.config.timeZone });
}

export function listReservations(
  deps: Deps,
  input: {
    showtimeId?: string | undefined;
    date?: string | undefined;
    status?: ReservationStatus | undefined;
    userId?: string | undefined;
    /** Part of the booker's e-mail address, any case. */
    email?: string | undefined;
    /** A booking code as people type it. */
    code?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<ReservationView>> {
  const now = deps.now();
  const filters: Prisma.ReservationWhereInput[] = [statusWhere(input.status, now)];
  if (input.showtimeId) filters.push({ showtimeId: input.showtimeId });
  if (input.userId) filters.push({ userId: input.userId });
  if (input.email) {
    filters.push({ user: { email: { contains: input.email, mode: "insensitive" } } });
  }
  if (input.code) filters.push({ code: normalizeBookingCode(input.code) });
  if (input.date) {
    const { start, end } = localDayRange(input.date, deps.config.timeZone);
    filters.push({ showtime: { startsAt: { gte: start, lt: end } } });
  }
  return page(deps, { AND: filters }, input);
}
