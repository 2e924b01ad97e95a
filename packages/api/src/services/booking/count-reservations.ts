// Operational counts for the host's /metrics: live holds (by the lifecycle's own rule) and
// confirmed bookings.
import { type PrismaClient } from "@marquee/db";
import { effectiveStatusWhere } from "./lifecycle";

export async function countReservations(
  db: Pick<PrismaClient, "reservation">,
  now: Date,
): Promise<{ holds: number; bookings: number }> {
  const [holds, bookings] = await Promise.all([
    db.reservation.count({ where: effectiveStatusWhere("HELD", now) }),
    db.reservation.count({ where: { status: "CONFIRMED" } }),
  ]);
  return { holds, bookings };
}
