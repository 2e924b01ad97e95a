// Running one booking function (marquee_hold / _confirm / _cancel): one round trip, retried
// only when the database itself asks (deadlock victims), and the reservation it answers
// turned into the API's view.
import { type Prisma } from "@marquee/db";
import { type Context } from "../../context";
import { withRetry } from "../db-retry";
import * as sql from "./sql";
import { toReservationView, type ReservationView } from "./views";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/** The function's structured answer (its `result` column). */
export async function callBookingFunction<R>(
  db: Db,
  call: Prisma.Sql,
  name: string,
  retry = true,
): Promise<R> {
  const run = async () => {
    const [row] = await db.$queryRaw<{ result: R }[]>(call);
    if (!row) throw new Error(`${name} returned no row`);
    return row.result;
  };
  return retry ? withRetry(run) : run();
}

/** The view of a reservation as a booking function answered it. */
export function viewOfAnswer(
  json: sql.ReservationJson,
  now: Date,
  config: Pick<Context["config"], "timeZone">,
): ReservationView {
  return toReservationView(sql.reservationRowFromJson(json), { now, timeZone: config.timeZone });
}
