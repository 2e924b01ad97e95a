// auth.login / auth.createToken. Failed sign-ins are throttled per account and per client
// address; an unknown e-mail and a wrong password give the same error after the same work.
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { createSession, sessionUserSelect, signedInUser, type SignedIn } from "./session";
import { giveBack, signInBuckets, takeSlots } from "./throttle";

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
  const buckets = signInBuckets({
    email: input.email,
    clientIp: deps.clientIp,
    max: deps.config.maxFailedLogins,
  });
  // Counted before the password is checked: parallel guesses cannot outrun the limit.
  const slots = await takeSlots(
    deps,
    buckets,
    "Too many sign-in attempts. Please wait before trying again.",
  );
  const user = await deps.db.user.findUnique({
    where: { email: input.email },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummy()), input.password);
  if (!user || !valid) throw new AppError("INVALID_CREDENTIALS", BAD_CREDENTIALS);
  // The rightful owner got in: this attempt and the pair's earlier misses no longer count.
  await giveBack(deps, slots, buckets.slice(0, 1));
  const { token, session } = await createSession(deps.db, user.id, deps.now());
  return { user: signedInUser(user), token, session };
}
