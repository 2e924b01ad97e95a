// auth.resetPassword: a valid, unused, unexpired token sets a new password and ends every
// session of the account. The token is spent by a conditional update, so two uses at the same
// moment cannot both succeed.
import { hashPassword } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { invalidateUserSessions, sessionIdFromToken } from "./session";

export async function resetPassword(
  deps: Pick<Context, "db" | "now">,
  input: { token: string; password: string },
): Promise<{ endedSessions: number }> {
  const now = deps.now();
  const id = sessionIdFromToken(input.token);
  const invalid = () =>
    new AppError("INVALID", "This reset link is invalid, used or expired. Ask for a new one.", {
      reason: "INVALID_FIELD",
      field: "token",
    });
  // Cheap check first: a made-up token costs no password hashing.
  const token = await deps.db.passwordResetToken.findFirst({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    select: { userId: true },
  });
  if (!token) throw invalid();
  const passwordHash = await hashPassword(input.password);
  return deps.db.$transaction(async (tx) => {
    const spent = await tx.passwordResetToken.updateMany({
      where: { id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count === 0) throw invalid();
    await tx.user.update({ where: { id: token.userId }, data: { passwordHash } });
    // Other links of the account die with this one.
    await tx.passwordResetToken.updateMany({
      where: { userId: token.userId, usedAt: null },
      data: { usedAt: now },
    });
    return { endedSessions: await invalidateUserSessions(tx, token.userId) };
  });
}
