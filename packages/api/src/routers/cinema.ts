import { cinemaInfo } from "../services/cinema/cinema-info";
import { publicProcedure, router } from "../trpc";

export const cinemaRouter = router({
  info: publicProcedure.query(({ ctx }) => cinemaInfo(ctx)),
});
