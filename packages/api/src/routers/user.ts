import { z } from "zod";
import { deleteUser, listUsers, setUserRole } from "../services/user/manage-users";
import { adminProcedure, router } from "../trpc";

const ZUserId = z.uuid({ error: "Not a valid user id" });

export const userRouter = router({
  list: adminProcedure
    .input(
      z.object({
        query: z.string().trim().max(200).optional(),
        cursor: z.string().max(254).optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => listUsers(ctx, input)),

  setRole: adminProcedure
    .input(z.object({ userId: ZUserId, role: z.enum(["USER", "ADMIN"]) }))
    .mutation(({ ctx, input }) => setUserRole(ctx, input)),

  delete: adminProcedure
    .input(z.object({ userId: ZUserId }))
    .mutation(({ ctx, input }) => deleteUser({ ...ctx, actorId: ctx.user.id }, input)),
});
