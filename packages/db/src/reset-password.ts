// `pnpm admin:reset-password <email>`: sets a new password for any account from the server's
// shell (a lost admin password included), ends its sessions and voids its reset links.
import { randomBytes } from "node:crypto";
import { type PrismaClient } from "./generated/prisma/client";
import { hashPassword } from "./password";

export class ResetPasswordError extends Error {}

/** Long enough for any policy, typeable from a printout. */
export const generatePassword = () => randomBytes(15).toString("base64url");

export async function resetAccountPassword(
  prisma: PrismaClient,
  input: { email: string; password: string; now?: Date },
): Promise<{ email: string; endedSessions: number }> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < 8 || input.password.length > 128) {
    throw new ResetPasswordError("the new password must have 8 to 128 characters");
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (!user) throw new ResetPasswordError(`no account with the e-mail address ${email}`);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.passwordResetToken.updateMany({
      where: { userId: user.id, usedAt: null },
      data: { usedAt: input.now ?? new Date() },
    });
    const { count } = await tx.session.deleteMany({ where: { userId: user.id } });
    return { email, endedSessions: count };
  });
}
