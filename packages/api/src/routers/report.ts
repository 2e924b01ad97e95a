import { z } from "zod";
import { reportSummary } from "../services/booking/report-summary";
import { adminProcedure, router } from "../trpc";
import { ZLocalDate } from "./schemas";

export const reportRouter = router({
  summary: adminProcedure
    .input(z.object({ from: ZLocalDate, to: ZLocalDate }))
    .query(({ ctx, input }) => reportSummary(ctx, input)),
});
