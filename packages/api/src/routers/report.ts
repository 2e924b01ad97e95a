import { z } from "zod";
import { reportSummary } from "../services/booking/report-summary";
import { adminProcedure, router } from "../trpc";

const ZLocalDate = z.iso.date({ error: "Use a cinema-local date like 2026-12-24" });

export const reportRouter = router({
  summary: adminProcedure
    .input(z.object({ from: ZLocalDate, to: ZLocalDate }))
    .query(({ ctx, input }) => reportSummary(ctx, input)),
});
