// The last administrator can be neither demoted nor deleted; the check holds under
// concurrency because every such change locks the administrators' rows first.
import { type Prisma } from "@marquee/db";
import { AppError } from "../../errors";
import { userListSelect } from "./views";

type Tx = Prisma.TransactionClient;

/** Locks the administrators' rows so concurrent demotions/deletions serialise. */
export async function lockAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

export async function findTarget(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: userListSelect });
  if (!user) throw new AppError("NOT_FOUND", `No user with id ${userId}`);
  return user;
}
