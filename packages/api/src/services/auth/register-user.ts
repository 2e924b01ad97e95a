// auth.register: a new account, signed in at once. Sign-ups are throttled per client address.
import { hashPassword } from "@marquee/db";
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { createSession, sessionUserSelect, signedInUser, type SignedIn } from "./session";
import { ONE_HOUR, takeSlots } from "./throttle";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp">;

export async function registerUser(
  deps: Deps,
  input: { email: string; name: string; password: string },
): Promise<SignedIn> {
  await takeSlots(
    deps,
    [
      {
        kind: "REGISTRATION",
        key: deps.clientIp,
        limit: { max: deps.config.maxRegistrations, windowMs: ONE_HOUR },
      },
    ],
    "Too many sign-ups from this address. Please try again later.",
  );
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.db.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: sessionUserSelect,
    });
    const { token, session } = await createSession(deps.db, user.id, deps.now());
    return { user: signedInUser(user), token, session };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "An account with this e-mail already exists", {
        reason: "DUPLICATE",
        field: "email",
      });
    }
    throw error;
  }
}
