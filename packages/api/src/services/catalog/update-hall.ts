// hall.update: a new name and/or layout; seats that survive keep their ids.
import { type Prisma } from "@marquee/db";
import { seatsFromLayout } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { liveReservationWhere } from "../booking/lifecycle";
import { hallSeatSelect, toDetail, withSeats, type HallDetail } from "./views";
import {
  assertNameFree,
  duplicateName,
  lockHall,
  blockingSelect,
  conflictWithShowtimes,
} from "./hall-rules";

type Deps = Pick<Context, "db" | "config" | "now">;
type Tx = Prisma.TransactionClient;

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
    select: { ...hallSeatSelect, _count: { select: { reservationSeats: true } } },
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
