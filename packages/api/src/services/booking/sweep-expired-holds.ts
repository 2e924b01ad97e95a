// Tidying only: expired holds already count as free at read and write time. The sweep marks
// them EXPIRED and clears their live flags so tables and reports read plainly.
import { Prisma, type PrismaClient } from "@marquee/db";
import { endReservations } from "./lifecycle";

export async function sweepExpiredHolds(db: PrismaClient, now: Date): Promise<number> {
  return (await endReservations(db, Prisma.sql`true`, "EXPIRED", now)).length;
}
