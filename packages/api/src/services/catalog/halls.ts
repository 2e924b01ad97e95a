// Halls and their seats. The layout is validated by the router's schema (validateLayout);
// seats are generated from it with seatsFromLayout.
import { type Prisma } from "@marquee/db";
import { seatsFromLayout, type SeatKind } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { liveReservationWhere } from "../booking/lifecycle";
import { describeShowtime } from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;
type Tx = Prisma.TransactionClient;

export type HallSummary = {
  id: string;
  name: string;
  layout: string[];
  capacity: number;
  seatsByKind: Record<SeatKind, number>;
};
export type HallSeat = {
  id: string;
  row: string;
  number: number;
  label: string;
  kind: SeatKind;
  x: number;
  y: number;
};
export type HallDetail = HallSummary & { seats: HallSeat[] };

const seatSelect = { id: true, row: true, number: true, kind: true, x: true, y: true } as const;

function countByKind(seats: { kind: SeatKind }[]): Record<SeatKind, number> {
  const counts: Record<SeatKind, number> = { STANDARD: 0, PREMIUM: 0, WHEELCHAIR: 0, COMPANION: 0 };
  for (const seat of seats) counts[seat.kind] += 1;
  return counts;
}

function toDetail(hall: {
  id: string;
  name: string;
  layout: string[];
  seats: Omit<HallSeat, "label">[];
}): HallDetail {
  return {
    id: hall.id,
    name: hall.name,
    layout: hall.layout,
    capacity: hall.seats.length,
    seatsByKind: countByKind(hall.seats),
    seats: hall.seats.map((s) => ({ ...s, label: `${s.row}${s.number}` })),
  };
}

const withSeats = {
  seats: { select: seatSelect, orderBy: [{ y: "asc" as const }, { x: "asc" as const }] },
} satisfies Prisma.HallSelect;

export async function listHalls(deps: Deps): Promise<HallSummary[]> {
  const halls = await deps.db.hall.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, layout: true, seats: { select: { kind: true } } },
  });
  return halls.map((h) => ({
    id: h.id,
    name: h.name,
    layout: h.layout,
    capacity: h.seats.length,
    seatsByKind: countByKind(h.seats),
  }));
}

export async function getHall(deps: Deps, input: { id: string }): Promise<HallDetail> {
  const hall = await deps.db.hall.findUnique({
    where: { id: input.id },
    select: { id: true, name: true, layout: true, ...withSeats },
  });
  if (!hall) throw new AppError("NOT_FOUND", `No hall with id ${input.id}`);
  return toDetail(hall);
}

/** Names are unique regardless of case ("Grand" and "grand" would confuse everyone). */
async function assertNameFree(db: Tx, name: string, exceptId?: string): Promise<void> {
  const clash = await db.hall.findFirst({
    where: {
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { name: true },
  });
  if (clash) {
    throw new AppError("CONFLICT", `A hall named "${clash.name}" already exists`, {
      reason: "DUPLICATE",
      field: "name",
    });
  }
}

/** Backs the pre-check: the database has a unique index on lower(name) too. */
function duplicateName(error: unknown, name: string): unknown {
  return isUniqueViolation(error)
    ? new AppError("CONFLICT", `A hall named "${name}" already exists`, {
        reason: "DUPLICATE",
        field: "name",
      })
    : error;
}

export async function createHall(
  deps: Deps,
  input: { name: string; layout: string[] },
): Promise<HallDetail> {
  try {
    return await deps.db.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const hall = await tx.hall.create({
        data: {
          name: input.name,
          layout: input.layout,
          seats: {
            createMany: {
              data: seatsFromLayout(input.layout).map(({ row, number, kind, x, y }) => ({
                row,
                number,
                kind,
                x,
                y,
              })),
            },
          },
        },
        select: { id: true, name: true, layout: true, ...withSeats },
      });
      return toDetail(hall);
    });
  } catch (error) {
    throw duplicateName(error, input.name);
  }
}

/** Locks the hall, or NOT_FOUND. New showtimes in it wait (their foreign key needs the row). */
async function lockHall(tx: Tx, id: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Hall" WHERE id = ${id}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", `No hall with id ${id}`);
}

const blockingSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  movie: { select: { title: true } },
} as const;

function conflictWithShowtimes(
  message: string,
  showtimes: { id: string; startsAt: Date; endsAt: Date; movie: { title: string } }[],
  timeZone: string,
): AppError {
  const shown = showtimes
    .slice(0, 5)
    .map((s) => describeShowtime(s, timeZone))
    .join("; ");
  const more = showtimes.length > 5 ? ` and ${showtimes.length - 5} more` : "";
  return new AppError("CONFLICT", `${message}: ${shown}${more}`, {
    reason: "HAS_RESERVATIONS",
    showtimes: showtimes.map((s) => ({
      id: s.id,
      title: s.movie.title,
      startsAt: s.startsAt.toISOString(),
    })),
  });
}

/**
 * Replaces the seats of a hall with those of a new layout. Seats whose (row, number)
 * survive keep their id (kind and position updated), so past reservations still point at
 * the same seat; seats that disappear are deleted, unless a reservation ever referenced
 * them (ReservationSeat → Seat is ON DELETE RESTRICT), which refuses the change.
 */
async function replaceSeats(tx: Tx, hallId: string, layout: string[]): Promise<void> {
  const wanted = seatsFromLayout(layout);
  const existing = await tx.seat.findMany({
    where: { hallId },
    select: { ...seatSelect, _count: { select: { reservationSeats: true } } },
  });
  const key = (s: { row: string; number: number }) => `${s.row}${s.number}`;
  const wantedByKey = new Map(wanted.map((s) => [key(s), s]));
  const existingKeys = new Set(existing.map(key));

  const removed = existing.filter((s) => !wantedByKey.has(key(s)));
  const referenced = removed.filter((s) => s._count.reservationSeats > 0);
  if (referenced.length > 0) {
    const labels = referenced.map(key);
    throw new AppError(
      "CONFLICT",
      `The new layout removes seats that have reservations on record (${labels.slice(0, 20).join(", ")}` +
        `${labels.length > 20 ? ", …" : ""}); keep those seats in the layout`,
      { reason: "SEATS_ON_RECORD", field: "layout", seats: labels },
    );
  }
  if (removed.length > 0) {
    await tx.seat.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
  }
  for (const seat of existing) {
    const next = wantedByKey.get(key(seat));
    if (next && (next.kind !== seat.kind || next.x !== seat.x || next.y !== seat.y)) {
      await tx.seat.update({
        where: { id: seat.id },
        data: { kind: next.kind, x: next.x, y: next.y },
      });
    }
  }
  const added = wanted.filter((s) => !existingKeys.has(key(s)));
  if (added.length > 0) {
    await tx.seat.createMany({
      data: added.map(({ row, number, kind, x, y }) => ({ hallId, row, number, kind, x, y })),
    });
  }
}

export async function updateHall(
  deps: Deps,
  input: { id: string; name?: string | undefined; layout?: string[] | undefined },
): Promise<HallDetail> {
  const now = deps.now();
  try {
    return await deps.db.$transaction(async (tx) => {
      await lockHall(tx, input.id);
      if (input.name !== undefined) await assertNameFree(tx, input.name, input.id);
      if (input.layout !== undefined) {
        // Lock the hall's showtimes that are not over: seats cannot be held in them (a
        // reservation's foreign key takes a key-share lock on its showtime) until we commit.
        await tx.$queryRaw`
          SELECT id FROM "Showtime" WHERE "hallId" = ${input.id}::uuid AND "endsAt" > ${now}
          ORDER BY id FOR UPDATE`;
        const booked = await tx.showtime.findMany({
          where: {
            hallId: input.id,
            status: "SCHEDULED",
            endsAt: { gt: now },
            reservations: { some: liveReservationWhere(now) },
          },
          orderBy: [{ startsAt: "asc" }, { id: "asc" }],
          select: blockingSelect,
        });
        if (booked.length > 0) {
          throw conflictWithShowtimes(
            "The layout cannot change while upcoming showtimes in this hall have reservations",
            booked,
            deps.config.timeZone,
          );
        }
        await replaceSeats(tx, input.id, input.layout);
      }
      const hall = await tx.hall.update({
        where: { id: input.id },
        data: { name: input.name, layout: input.layout },
        select: { id: true, name: true, layout: true, ...withSeats },
      });
      return toDetail(hall);
    });
  } catch (error) {
    throw input.name === undefined ? error : duplicateName(error, input.name);
  }
}

/**
 * Deletes a hall with its seats. Refused while it has showtimes that are not over; its
 * past and cancelled showtimes go with it only when none holds a live (held or confirmed)
 * reservation, the same rule as deleting a movie.
 */
export async function deleteHall(deps: Deps, input: { id: string }): Promise<{ id: string }> {
  const now = deps.now();
  const { timeZone } = deps.config;
  return deps.db.$transaction(async (tx) => {
    await lockHall(tx, input.id);
    await tx.$queryRaw`
      SELECT id FROM "Showtime" WHERE "hallId" = ${input.id}::uuid ORDER BY id FOR UPDATE`;
    const upcoming = await tx.showtime.findMany({
      where: { hallId: input.id, status: "SCHEDULED", endsAt: { gt: now } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: blockingSelect,
    });
    if (upcoming.length > 0) {
      throw conflictWithShowtimes(
        `This hall has ${upcoming.length} upcoming showtime(s); cancel or move them first`,
        upcoming,
        timeZone,
      );
    }
    const booked = await tx.showtime.findMany({
      where: {
        hallId: input.id,
        reservations: { some: liveReservationWhere(now) },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: blockingSelect,
    });
    if (booked.length > 0) {
      throw conflictWithShowtimes(
        "This hall's past showtimes have confirmed bookings, which are kept for the books",
        booked,
        timeZone,
      );
    }
    await tx.showtime.deleteMany({ where: { hallId: input.id } });
    await tx.hall.delete({ where: { id: input.id } });
    return { id: input.id };
  });
}
