// auth.changePassword: needs the current password (throttled like sign-ins) and ends every
// other session of the account.
import { hashPassword } from "@marquee/db";
import { type Context, type SessionInfo, type SessionUser } from "../../context";
import { invalidateUserSessions } from "./session";
import { checkOwnPassword } from "./check-own-password";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp" | "sessions">;

export async function changePassword(
  deps: Deps & { user: SessionUser; session: SessionInfo },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  // A stolen session must not become a password oracle: same buckets as signing in.
  await checkOwnPassword(
    deps,
    input.currentPassword,
    "currentPassword",
    "The current password is incorrect",
  );
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await deps.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: deps.user.id }, data: { passwordHash } });
    // Whoever knew the old password is signed out everywhere but here.
    const endedSessions = await invalidateUserSessions(tx, deps.user.id, deps.session.id);
    return { endedSessions };
  });
  deps.sessions.invalidate(`user:${deps.user.id}`);
  return ended;
}
