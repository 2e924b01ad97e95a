import { checkHealth } from "./services/health/check-health";
import { createCallerFactory, publicProcedure, router } from "./trpc";

export const appRouter = router({
  health: publicProcedure.query(({ ctx }) => checkHealth(ctx)),
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
