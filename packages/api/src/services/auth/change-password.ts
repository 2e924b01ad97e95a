// auth.changePassword: needs the current password (throttled like sign-ins) and ends every
// other session of the account.
import { hashPassword, verifyPassword } from "@marquee/db";
import { type Context, type SessionInfo, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { invalidateUserSessions } from "./session";
import { throttledPasswordCheck } from "./throttle";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

export async function changePassword(
  deps: Deps & { user: SessionUser; session: SessionInfo },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  // A stolen session must not become a password oracle: same buckets as signing in.
  const valid = await throttledPasswordCheck(
    deps,
    {
      email: deps.user.email,
      message: "Too many wrong passwords. Please wait before trying again.",
    },
    async () => {
      const row = await deps.db.user.findUnique({
        where: { id: deps.user.id },
        select: { passwordHash: true },
      });
      return row && (await verifyPassword(row.passwordHash, input.currentPassword)) ? row : null;
    },
  );
  if (!valid) {
    throw new AppError("INVALID", "The current password is incorrect", {
      reason: "INVALID_FIELD",
      field: "currentPassword",
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: deps.user.id }, data: { passwordHash } });
    // Whoever knew the old password is signed out everywhere but here.
    const endedSessions = await invalidateUserSessions(tx, deps.user.id, deps.session.id);
    return { endedSessions };
  });
}
