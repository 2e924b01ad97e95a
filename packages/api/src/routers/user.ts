import { ROLES } from "@marquee/domain";
import { z } from "zod";
import { deleteUser } from "../services/user/delete-user";
import { listUsers } from "../services/user/list-users";
import { setUserRole } from "../services/user/set-user-role";
import { adminProcedure, router } from "../trpc";
import { ZPageInput, ZQuery } from "./schemas";

const ZUserId = z.uuid({ error: "Not a valid user id" });

export const userRouter = router({
  list: adminProcedure
    .input(ZPageInput.extend({ query: ZQuery.optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listUsers(ctx, input)),

  setRole: adminProcedure
    .input(
      z.object({
        userId: ZUserId,
        role: z.enum(ROLES, { error: `A role is one of ${ROLES.join(", ")}` }),
      }),
    )
    .mutation(({ ctx, input }) => setUserRole(ctx, input)),

  delete: adminProcedure
    .input(z.object({ userId: ZUserId }))
    .mutation(({ ctx, input }) => deleteUser({ ...ctx, actorId: ctx.user.id }, input)),
});
