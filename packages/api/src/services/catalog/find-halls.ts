// hall.list and hall.byId.
import { type Context } from "../../context";
import { AppError } from "../../errors";
import { toDetail, withSeats, countByKind, type HallSummary, type HallDetail } from "./views";

type Deps = Pick<Context, "db" | "config" | "now">;

export async function listHalls(deps: Deps): Promise<HallSummary[]> {
  const halls = await deps.db.hall.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, layout: true, seats: { select: { kind: true } } },
  });
  return halls.map((h) => ({
    id: h.id,
    name: h.name,
    layout: h.layout,
    capacity: h.seats.length,
    seatsByKind: countByKind(h.seats),
  }));
}

export async function getHall(deps: Deps, input: { id: string }): Promise<HallDetail> {
  const hall = await deps.db.hall.findUnique({
    where: { id: input.id },
    select: { id: true, name: true, layout: true, ...withSeats },
  });
  if (!hall) throw new AppError("NOT_FOUND", `No hall with id ${input.id}`);
  return toDetail(hall);
}
