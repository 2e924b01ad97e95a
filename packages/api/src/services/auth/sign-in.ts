// auth.login / auth.createToken. Failed sign-ins are throttled per account and per client
// address; an unknown e-mail and a wrong password give the same error after the same work.
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { createSession, sessionUserSelect, toSessionUser, type SignedIn } from "./session";
import { assertUnderLimit, clearAttempts, FIFTEEN_MINUTES, recordAttempts } from "./throttle";

const BAD_CREDENTIALS = "E-mail or password is incorrect";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash of nothing anyone knows, so unknown e-mails cost a verification too. */
function timingDummy(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

export async function signIn(
  deps: Deps,
  input: { email: string; password: string },
): Promise<SignedIn> {
  const limit = { max: deps.config.maxFailedLogins, windowMs: FIFTEEN_MINUTES };
  const message = "Too many failed sign-ins. Please wait before trying again.";
  await assertUnderLimit(deps, [
    { kind: "LOGIN_FAILED_ACCOUNT", key: input.email, limit, message },
    { kind: "LOGIN_FAILED_ADDRESS", key: deps.clientIp, limit, message },
  ]);
  const user = await deps.db.user.findUnique({
    where: { email: input.email },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummy()), input.password);
  if (!user || !valid) {
    await recordAttempts(deps, [
      { kind: "LOGIN_FAILED_ACCOUNT", key: input.email },
      { kind: "LOGIN_FAILED_ADDRESS", key: deps.clientIp },
    ]);
    throw new AppError("INVALID_CREDENTIALS", BAD_CREDENTIALS);
  }
  await clearAttempts(deps, { kind: "LOGIN_FAILED_ACCOUNT", key: input.email });
  const { token, session } = await createSession(deps.db, user.id, deps.now());
  return { user: toSessionUser(user), token, session };
}
