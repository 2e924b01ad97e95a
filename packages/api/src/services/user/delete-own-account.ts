// auth.deleteAccount: a customer deletes their own account (GDPR erasure), after entering
// their password. Their live holds and upcoming bookings end and free their seats; past
// bookings stay, detached from any person, for the cinema's books (as user.delete does).
import { type Context, type SessionUser } from "../../context";
import { checkOwnPassword } from "../auth/check-own-password";
import { removeAccount } from "./delete-user";

type Deps = Pick<Context, "db" | "now" | "config" | "clientIp" | "sessions"> & {
  user: SessionUser;
};

export async function deleteOwnAccount(
  deps: Deps,
  input: { password: string },
): Promise<{ deleted: true; cancelledReservations: number }> {
  await checkOwnPassword(deps, input.password, "password");
  return removeAccount(deps, deps.user.id);
}
