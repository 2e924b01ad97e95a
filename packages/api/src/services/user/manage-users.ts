// Admin management of accounts. The last administrator can be neither demoted nor deleted;
// the check holds under concurrency because every change locks the administrators' rows.
import { Prisma } from "@marquee/db";
import { type Context, type Role } from "../../context";
import { AppError } from "../../errors";
import { invalidateUserSessions } from "../auth/session";
import { endReservations } from "../booking/lifecycle";
import { decodeCursor, toPage, type Page, type PageInput } from "../pagination";

export const userListSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
} as const;

export type UserSummary = {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
};

type Row = Prisma.UserGetPayload<{ select: typeof userListSelect }>;
const toSummary = (u: Row): UserSummary => ({
  ...u,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

export async function listUsers(
  deps: Pick<Context, "db">,
  input: PageInput & { query?: string | undefined },
): Promise<Page<UserSummary>> {
  const query = input.query?.trim();
  const where: Prisma.UserWhereInput[] = [];
  if (query) {
    where.push({
      OR: [
        { email: { contains: query, mode: "insensitive" } },
        { name: { contains: query, mode: "insensitive" } },
      ],
    });
  }
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    where.push({ OR: [{ email: { gt: after.key } }, { email: after.key, id: { gt: after.id } }] });
  }
  const rows = await deps.db.user.findMany({
    where: { AND: where },
    orderBy: [{ email: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: userListSelect,
  });
  return toPage(rows, input.limit, toSummary, (u) => ({ key: u.email, id: u.id }));
}

type Tx = Prisma.TransactionClient;

/** Locks the administrators' rows so concurrent demotions/deletions serialise. */
async function lockAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

async function findTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: userListSelect });
  if (!user) throw new AppError("NOT_FOUND", `No user with id ${userId}`);
  return user;
}

export async function setUserRole(
  deps: Pick<Context, "db">,
  input: { userId: string; role: Role },
): Promise<UserSummary> {
  return deps.db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await findTarget(tx, input.userId);
    if (target.role === input.role) return toSummary(target);
    if (input.role === "USER" && admins.length <= 1 && admins.includes(target.id)) {
      throw new AppError("CONFLICT", "The last administrator cannot be demoted");
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: userListSelect,
    });
    // A role change takes effect at once: the user signs in again with the new role.
    await invalidateUserSessions(tx, target.id);
    return toSummary(updated);
  });
}

export async function deleteUser(
  deps: Pick<Context, "db" | "now"> & { actorId: string },
  input: { userId: string },
): Promise<{ deleted: true; cancelledReservations: number }> {
  if (input.userId === deps.actorId) {
    throw new AppError("CONFLICT", "You cannot delete your own account here; ask another admin");
  }
  return deps.db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await findTarget(tx, input.userId);
    if (target.role === "ADMIN" && admins.length <= 1) {
      throw new AppError("CONFLICT", "The last administrator cannot be deleted");
    }
    const cancelledReservations = await releaseLiveReservations(tx, target.id, deps.now());
    // Sessions go with the user; past bookings stay, detached, for the cinema's books.
    await tx.user.delete({ where: { id: target.id } });
    return { deleted: true as const, cancelledReservations };
  });
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
