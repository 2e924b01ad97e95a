// The signed-in user's password, checked before a sensitive change (e-mail, deletion), with
// the sign-in throttle: a stolen session must not become a password oracle.
import { verifyPassword } from "@marquee/db";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { throttledPasswordCheck } from "./throttle";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp"> & { user: SessionUser };

export async function checkOwnPassword(
  deps: Deps,
  password: string,
  field: string,
  wrong = "The password is incorrect",
): Promise<void> {
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
      return row && (await verifyPassword(row.passwordHash, password)) ? row : null;
    },
  );
  if (!valid) {
    throw new AppError("INVALID", wrong, {
      reason: "INVALID_FIELD",
      field,
    });
  }
}
