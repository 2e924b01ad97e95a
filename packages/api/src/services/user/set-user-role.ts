// user.setRole: a role change takes effect at once (the user signs in again).
import { type Context, type Role } from "../../context";
import { AppError } from "../../errors";
import { invalidateUserSessions } from "../auth/session";
import { findTarget, lockAdmins } from "./last-admin";
import { toSummary, userListSelect, type UserSummary } from "./views";

export async function setUserRole(
  deps: Pick<Context, "db" | "sessions">,
  input: { userId: string; role: Role },
): Promise<UserSummary> {
  const summary = await deps.db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const target = await findTarget(tx, input.userId);
    if (target.role === input.role) return toSummary(target);
    if (input.role !== "ADMIN" && admins.length <= 1 && admins.includes(target.id)) {
      throw new AppError("CONFLICT", "The last administrator cannot be demoted");
    }
    const updated = await tx.user.update({
      where: { id: target.id },
      data: { role: input.role },
      select: userListSelect,
    });
    // A role change takes effect at once: the user signs in again with the new role.
    await invalidateUserSessions(tx, target.id);
    return toSummary(updated);
  });
  deps.sessions.invalidate(`user:${input.userId}`);
  return summary;
}
