// user.delete: the account and its sessions go; its live reservations end (seats freed) and
// its past bookings stay, detached, for the cinema's books.
import { Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { endReservations } from "../booking/lifecycle";
import { findTarget, lockAdmins } from "./last-admin";

type Tx = Prisma.TransactionClient;

export async function deleteUser(
  deps: Pick<Context, "db" | "now" | "sessions"> & { actorId: string },
  input: { userId: string },
): Promise<{ deleted: true; cancelledReservations: number }> {
  if (input.userId === deps.actorId) {
    throw new AppError("CONFLICT", "You cannot delete your own account here; ask another admin");
  }
  return removeAccount(deps, input.userId);
}

/**
 * Deletes an account, whoever asks (an admin, or its owner from the account page): never the
 * last administrator. Every process forgets the account's sessions at once.
 */
export async function removeAccount(
  deps: Pick<Context, "db" | "now" | "sessions">,
  userId: string,
): Promise<{ deleted: true; cancelledReservations: number }> {
  const result = await deps.db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await findTarget(tx, userId);
    if (target.role === "ADMIN" && admins.length <= 1) {
      throw new AppError("CONFLICT", "The last administrator cannot be deleted");
    }
    const cancelledReservations = await releaseLiveReservations(tx, target.id, deps.now());
    // Sessions go with the user; past bookings stay, detached, for the cinema's books.
    await tx.user.delete({ where: { id: target.id } });
    return { deleted: true as const, cancelledReservations };
  });
  deps.sessions.invalidate(`user:${userId}`);
  return result;
}

/**
 * Cancels a user's live holds and upcoming bookings and frees their seats, in the caller's
 * transaction. Bookings for shows that already started stay confirmed (they were sold).
 */
async function releaseLiveReservations(tx: Tx, userId: string, now: Date): Promise<number> {
  const ended = await endReservations(
    tx,
    Prisma.sql`r."userId" = ${userId}::uuid AND (r.status = 'HELD' OR r."showtimeId" IN (
      SELECT id FROM "Showtime" WHERE "startsAt" > ${now}))`,
    "CANCELLED",
    now,
  );
  return ended.length;
}
