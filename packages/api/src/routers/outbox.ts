import { z } from "zod";
import { listOutbox } from "../services/mail/list-outbox";
import { adminProcedure, router } from "../trpc";
import { ZPageInput } from "./schemas";

export const outboxRouter = router({
  /** Mails written by bookings, cancellations, moves and reset requests, newest first. */
  list: adminProcedure
    .input(
      ZPageInput.extend({ status: z.enum(["PENDING", "SENT", "FAILED"]).optional() }).default({
        limit: 50,
      }),
    )
    .query(({ ctx, input }) => listOutbox(ctx, input)),
});
