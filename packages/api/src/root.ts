import { authRouter } from "./routers/auth";
import { cinemaRouter } from "./routers/cinema";
import { hallRouter } from "./routers/hall";
import { movieRouter } from "./routers/movie";
import { outboxRouter } from "./routers/outbox";
import { reportRouter } from "./routers/report";
import { reservationRouter } from "./routers/reservation";
import { showtimeRouter } from "./routers/showtime";
import { ticketRouter } from "./routers/ticket";
import { userRouter } from "./routers/user";
import { checkHealth } from "./services/health/check-health";
import { createCallerFactory, publicProcedure, router } from "./trpc";

export const appRouter = router({
  health: publicProcedure.query(({ ctx }) => checkHealth(ctx)),
  cinema: cinemaRouter,
  auth: authRouter,
  user: userRouter,
  movie: movieRouter,
  hall: hallRouter,
  showtime: showtimeRouter,
  reservation: reservationRouter,
  report: reportRouter,
  ticket: ticketRouter,
  outbox: outboxRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
