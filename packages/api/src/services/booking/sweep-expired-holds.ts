// Tidying only: expired holds already count as free at read and write time. The sweep marks
// them EXPIRED and clears their live flags so tables and reports read plainly.
import { type PrismaClient } from "@marquee/db";

export async function sweepExpiredHolds(db: PrismaClient, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Reservation" SET status = 'EXPIRED', "updatedAt" = ${now}
      WHERE status = 'HELD' AND "holdExpiresAt" <= ${now}
      RETURNING id`;
    if (expired.length === 0) return 0;
    await tx.reservationSeat.updateMany({
      where: { reservationId: { in: expired.map((r) => r.id) } },
      data: { live: false },
    });
    return expired.length;
  });
}
