import { z } from "zod";
import { MAX_ROW_LENGTH, MAX_ROWS, validateLayout } from "@marquee/domain";
import { createHall } from "../services/catalog/create-hall";
import { deleteHall } from "../services/catalog/delete-hall";
import { getHall, listHalls } from "../services/catalog/find-halls";
import { updateHall } from "../services/catalog/update-hall";
import { adminProcedure, publicProcedure, router } from "../trpc";
import { plainText, ZId } from "./schemas";

export const ZHallName = plainText(
  z
    .string()
    .trim()
    .min(1, { error: "a name is required" })
    .max(100, { error: "a name has at most 100 characters" }),
);

/** Each problem is reported at layout.<row index>, its message naming the row (A, B, …). */
export const ZLayout = z
  .array(plainText(z.string().max(MAX_ROW_LENGTH * 4)))
  .max(MAX_ROWS * 4)
  .superRefine((layout, ctx) => {
    for (const issue of validateLayout(layout)) {
      ctx.addIssue({
        code: "custom",
        message: issue.message,
        path: issue.row === null ? [] : [issue.row],
      });
    }
  });

export const ZHallCreateInput = z.object({ name: ZHallName, layout: ZLayout });
export const ZHallUpdateInput = z.object({
  id: ZId,
  name: ZHallName.optional(),
  layout: ZLayout.optional(),
});

export const hallRouter = router({
  list: publicProcedure.query(({ ctx }) => listHalls(ctx)),
  byId: publicProcedure.input(z.object({ id: ZId })).query(({ ctx, input }) => getHall(ctx, input)),
  create: adminProcedure
    .input(ZHallCreateInput)
    .mutation(({ ctx, input }) => createHall(ctx, input)),
  update: adminProcedure
    .input(ZHallUpdateInput)
    .mutation(({ ctx, input }) => updateHall(ctx, input)),
  delete: adminProcedure
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => deleteHall(ctx, input)),
});
