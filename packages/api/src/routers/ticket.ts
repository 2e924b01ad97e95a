import { z } from "zod";
import { checkIn } from "../services/ticket/check-in";
import { undoCheckIn } from "../services/ticket/undo-check-in";
import { adminProcedure, router, staffProcedure } from "../trpc";
import { plainText } from "./schemas";

export const ZTicketCode = z.object({
  code: plainText(
    z
      .string()
      .trim()
      .min(4, { error: "Enter a booking code such as K7QF-2M9X" })
      .max(20, { error: "A booking code has 8 characters, such as K7QF-2M9X" }),
  ),
});

export const ticketRouter = router({
  /** The door: admits a confirmed booking of a showtime that is about to start. */
  checkIn: staffProcedure.input(ZTicketCode).mutation(({ ctx, input }) => checkIn(ctx, input)),

  /** Takes back a mistaken admission. */
  undoCheckIn: adminProcedure
    .input(ZTicketCode)
    .mutation(({ ctx, input }) => undoCheckIn(ctx, input)),
});
