// auth.login / auth.createToken. Failed sign-ins are throttled per account and per client
// address; an unknown e-mail and a wrong password give the same error after the same work.
import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { createSession, sessionUserSelect, signedInUser, type SignedIn } from "./session";
import { throttledPasswordCheck } from "./throttle";

const BAD_CREDENTIALS = "E-mail or password is incorrect";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash of nothing anyone knows, so unknown e-mails cost a verification too. */
function timingDummy(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

function findUser(deps: Deps, email: string) {
  return deps.db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true },
  });
}

export async function signIn(
  deps: Deps,
  input: { email: string; password: string },
): Promise<SignedIn> {
  const user = await throttledPasswordCheck(
    deps,
    { email: input.email, message: "Too many sign-in attempts. Please wait before trying again." },
    async () => {
      const found = await findUser(deps, input.email);
      // Unknown e-mails cost a verification too, so timing tells nothing.
      const hash = found?.passwordHash ?? (await timingDummy());
      return (await verifyPassword(hash, input.password)) ? found : null;
    },
  );
  if (!user) throw new AppError("INVALID_CREDENTIALS", BAD_CREDENTIALS);
  const { token, session } = await createSession(deps.db, user.id, deps.now());
  return { user: signedInUser(user), token, session };
}
