// ticket.checkIn: admits a confirmed booking at the door, at most once. The rule says whether
// it may be admitted now (@marquee/domain's checkInRefusal); the database decides between two
// doors scanning it at the same moment: a conditional UPDATE ... WHERE "checkedInAt" IS NULL
// changes the row for exactly one of them (the other re-checks the row after the first
// commits and finds it admitted).
import { checkInRefusal } from "@marquee/domain";
import { type Context, type SessionUser } from "../../context";
import { AppError } from "../../errors";
import { findAdmission, refused, toAdmissionView, type AdmissionView } from "./admission";

type Deps = Pick<Context, "db" | "now" | "config"> & { user: SessionUser };

export async function checkIn(deps: Deps, input: { code: string }): Promise<AdmissionView> {
  const now = deps.now();
  const rule = {
    now,
    opensMinutes: deps.config.checkInOpensMinutes,
    timeZone: deps.config.timeZone,
  };
  const row = await findAdmission(deps.db, input.code);
  const refusal = checkInRefusal(row, rule);
  if (refusal) throw refused(refusal);
  const admitted = await deps.db.reservation.updateMany({
    where: { id: row.id, status: "CONFIRMED", checkedInAt: null },
    data: { checkedInAt: now, checkedInById: deps.user.id },
  });
  const after = await findAdmission(deps.db, row.code);
  if (admitted.count === 0) {
    // Another door admitted it, or it was cancelled, since it was read.
    const late = checkInRefusal(after, rule);
    throw late ? refused(late) : new AppError("CONFLICT", "The booking changed; scan it again");
  }
  return toAdmissionView(after, deps.config.timeZone);
}
