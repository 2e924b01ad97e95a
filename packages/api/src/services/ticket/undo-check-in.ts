// ticket.undoCheckIn (admin): takes back a mistaken admission, so the booking can be scanned
// again.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { findAdmission, toAdmissionView, type AdmissionView } from "./admission";

export async function undoCheckIn(
  deps: Pick<Context, "db" | "config">,
  input: { code: string },
): Promise<AdmissionView> {
  const row = await findAdmission(deps.db, input.code);
  const undone = await deps.db.reservation.updateMany({
    where: { id: row.id, checkedInAt: { not: null } },
    data: { checkedInAt: null, checkedInById: null },
  });
  if (undone.count === 0) {
    throw new AppError("CONFLICT", `Booking ${row.code} has not been admitted`, {
      reason: "NOT_CHECKED_IN",
    });
  }
  return toAdmissionView(await findAdmission(deps.db, row.code), deps.config.timeZone);
}
