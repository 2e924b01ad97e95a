// Registration, sign-in and password changes. Failed sign-ins are throttled per account and
// per client address; registrations per client address. An unknown e-mail and a wrong
// password give the same error after the same amount of work.
import { randomBytes } from "node:crypto";
import { hashPassword, Prisma, verifyPassword } from "@marquee/db";
import { type Context, type Role, type SessionInfo, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { createSession, invalidateUserSessions, sessionUserSelect } from "./session";
import { assertUnderLimit, clearAttempts, recordAttempts } from "./throttle";

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;
const BAD_CREDENTIALS = "E-mail or password is incorrect";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

export type SignedIn = { user: SessionUser; token: string; session: SessionInfo };

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash of nothing anyone knows, so unknown e-mails cost a verification too. */
function timingDummy(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

function toSessionUser(user: {
  id: string;
  email: string;
  name: string;
  role: string;
}): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role };
}

export async function registerUser(
  deps: Deps,
  input: { email: string; name: string; password: string },
): Promise<SignedIn> {
  await assertUnderLimit(deps, [
    {
      kind: "REGISTRATION",
      key: deps.clientIp,
      limit: { max: deps.config.maxRegistrations, windowMs: ONE_HOUR },
      message: "Too many sign-ups from this address. Please try again later.",
    },
  ]);
  await recordAttempts(deps, [{ kind: "REGISTRATION", key: deps.clientIp }]);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.db.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: sessionUserSelect,
    });
    const { token, session } = await createSession(deps.db, user.id, deps.now());
    return { user: toSessionUser(user), token, session };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "An account with this e-mail already exists", {
        reason: "DUPLICATE",
        field: "email",
      });
    }
    throw error;
  }
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

export async function changePassword(
  deps: Deps & { user: SessionUser; session: SessionInfo },
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  const limit = { max: deps.config.maxFailedLogins, windowMs: FIFTEEN_MINUTES };
  await assertUnderLimit(deps, [
    {
      kind: "LOGIN_FAILED_ACCOUNT",
      key: deps.user.email,
      limit,
      message: "Too many wrong passwords. Please wait before trying again.",
    },
  ]);
  const row = await deps.db.user.findUnique({
    where: { id: deps.user.id },
    select: { passwordHash: true },
  });
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await recordAttempts(deps, [{ kind: "LOGIN_FAILED_ACCOUNT", key: deps.user.email }]);
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
