import type { AppRouter } from "@marquee/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type Me = RouterOutputs["auth"]["me"];
export type MovieItem = RouterOutputs["movie"]["list"]["items"][number];
export type MovieDetail = RouterOutputs["movie"]["byId"];
export type Showtime = RouterOutputs["showtime"]["byId"];
export type SeatMapData = RouterOutputs["showtime"]["seatMap"];
export type SeatMapSeat = SeatMapData["seats"][number];
/** What showtime.seatMapChanges sends: the full map first, then changes. */
export type { SeatMapEvent } from "@marquee/api";
export type Reservation = RouterOutputs["reservation"]["hold"];
