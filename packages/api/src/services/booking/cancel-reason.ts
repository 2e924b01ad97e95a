// An administrator's reason for cancelling a booking. It is written on the reservation in the
// cancelling transaction, before the status change, so the outbox trigger (migration
// "outbox_and_check_in") puts it into the guest's cancellation mail.
import { Prisma } from "@marquee/db";
import { type SessionUser } from "../../context";
import { invalidField } from "../../errors";

export function assertMayGiveReason(user: SessionUser, reason: string | undefined): void {
  if (reason !== undefined && user.role !== "ADMIN") {
    throw invalidField("reason", "Only an administrator gives a reason for a cancellation");
  }
}

export const cancelReasonSql = (reservationId: string, reason: string) => Prisma.sql`
  UPDATE "Reservation" SET "cancelledReason" = ${reason} WHERE id = ${reservationId}::uuid`;

export async function noteCancelReason(
  tx: Pick<Prisma.TransactionClient, "$executeRaw">,
  reservationId: string,
  reason: string,
): Promise<void> {
  await tx.$executeRaw(cancelReasonSql(reservationId, reason));
}
