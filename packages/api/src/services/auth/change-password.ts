// auth.changePassword: needs the current password (throttled like sign-ins) and ends every
// other session of the account.
import { hashPassword, verifyPassword } from "@marquee/db";
import { type Context, type SessionInfo, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { invalidateUserSessions } from "./session";
import { giveBack, signInBuckets, takeSlots } from "./throttle";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

export async function changePassword(
  deps: Deps & { user: SessionUser; session: SessionInfo },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  // A stolen session must not become a password oracle: same buckets as signing in.
  const buckets = signInBuckets({
    email: deps.user.email,
    clientIp: deps.clientIp,
    max: deps.config.maxFailedLogins,
  });
  const slots = await takeSlots(
    deps,
    buckets,
    "Too many wrong passwords. Please wait before trying again.",
  );
  const row = await deps.db.user.findUnique({
    where: { id: deps.user.id },
    select: { passwordHash: true },
  });
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("INVALID", "The current password is incorrect", {
      reason: "INVALID_FIELD",
      field: "currentPassword",
    });
  }
  await giveBack(deps, slots, buckets.slice(0, 1));
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: deps.user.id }, data: { passwordHash } });
    // Whoever knew the old password is signed out everywhere but here.
    const endedSessions = await invalidateUserSessions(tx, deps.user.id, deps.session.id);
    return { endedSessions };
  });
}
