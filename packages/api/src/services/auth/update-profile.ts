// auth.updateProfile: the signed-in user's name and e-mail. A new e-mail needs the current
// password (whoever holds a session must not take the account over by changing where its
// mail goes); an address another account uses is refused by name.
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { isUniqueViolation } from "../db-errors";
import { checkOwnPassword } from "./check-own-password";
import { sessionUserSelect, signedInUser } from "./session";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp"> & { user: SessionUser };

export async function updateProfile(
  deps: Deps,
  input: { name: string; email: string; currentPassword?: string | undefined },
) {
  const emailChanges = input.email !== deps.user.email;
  if (emailChanges) {
    if (!input.currentPassword) {
      throw new AppError("INVALID", "Enter your current password to change your e-mail", {
        reason: "INVALID_FIELD",
        field: "currentPassword",
      });
    }
    await checkOwnPassword(deps, input.currentPassword, "currentPassword");
  }
  try {
    const user = await deps.db.user.update({
      where: { id: deps.user.id },
      data: { name: input.name, email: input.email },
      select: sessionUserSelect,
    });
    return { user: signedInUser(user) };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Another account already uses this e-mail", {
        reason: "DUPLICATE",
        field: "email",
      });
    }
    throw error;
  }
}
