// auth.requestPasswordReset: mails a single-use link, valid for 30 minutes, to the account's
// address. The answer is the same whether or not the account exists, and requests are
// throttled per address and per client. Only the token's SHA-256 is stored; the link itself
// waits in the outbox (written in the same transaction) and is dropped from it once sent.
import { type Context } from "../../context";
import { RESET_TOKEN_MINUTES } from "../mail/render";
import { generateSessionToken, sessionIdFromToken } from "./session";
import { ONE_HOUR, takeSlots } from "./throttle";

type Deps = Pick<Context, "db" | "now" | "clientIp" | "origin">;

/** Requests per e-mail address and per client address in an hour. */
export const RESET_REQUESTS_PER_ADDRESS = 5;
export const RESET_REQUESTS_PER_CLIENT = 20;

export const RESET_ANSWER =
  "If an account uses this address, a link to reset its password is on its way.";

export async function requestPasswordReset(
  deps: Deps,
  input: { email: string },
): Promise<{ message: string }> {
  const now = deps.now();
  // Every request counts (no giving back): the limit is on mails, not on failures.
  await takeSlots(
    deps,
    [
      {
        kind: "PASSWORD_RESET",
        key: input.email,
        limit: { max: RESET_REQUESTS_PER_ADDRESS, windowMs: ONE_HOUR },
      },
      {
        kind: "PASSWORD_RESET",
        key: `address ${deps.clientIp}`,
        limit: { max: RESET_REQUESTS_PER_CLIENT, windowMs: ONE_HOUR },
      },
    ],
    "Too many reset requests. Please wait a while before asking again.",
  );
  const user = await deps.db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true },
  });
  if (user) {
    const token = generateSessionToken();
    const link = `${deps.origin}/reset-password?token=${encodeURIComponent(token)}`;
    await deps.db.$transaction([
      deps.db.passwordResetToken.create({
        data: {
          id: sessionIdFromToken(token),
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
        },
      }),
      deps.db.outbox.create({
        data: { kind: "PASSWORD_RESET", recipient: user.email, payload: { link } },
      }),
    ]);
  }
  return { message: RESET_ANSWER };
}
