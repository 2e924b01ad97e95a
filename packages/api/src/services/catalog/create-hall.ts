// hall.create: a hall and the seats its layout describes.
import { seatsFromLayout } from "@marquee/domain";
import { type Context } from "../../context";
import { toDetail, withSeats, type HallDetail } from "./views";
import { assertNameFree, duplicateName } from "./hall-rules";

type Deps = Pick<Context, "db" | "config" | "now">;

export async function createHall(
  deps: Deps,
  input: { name: string; layout: string[] },
): Promise<HallDetail> {
  try {
    return await deps.db.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const hall = await tx.hall.create({
        data: {
          name: input.name,
          layout: input.layout,
          seats: {
            createMany: {
              data: seatsFromLayout(input.layout).map(({ row, number, kind, x, y }) => ({
                row,
                number,
                kind,
                x,
                y,
              })),
            },
          },
        },
        select: { id: true, name: true, layout: true, ...withSeats },
      });
      return toDetail(hall);
    });
  } catch (error) {
    throw duplicateName(error, input.name);
  }
}
