import { z } from "zod";
import { SEAT_KINDS } from "@marquee/domain";
import { checkShowtimeOverlap } from "../services/catalog/check-showtime-overlap";
import { cancelShowtime } from "../services/catalog/cancel-showtime";
import { createShowtime } from "../services/catalog/create-showtime";
import { deleteShowtime } from "../services/catalog/delete-showtime";
import { getShowtime, listShowtimes } from "../services/catalog/find-showtimes";
import { updateShowtime } from "../services/catalog/update-showtime";
import { seatMap } from "../services/booking/seat-map";
import { seatMapChanges } from "../services/booking/seat-map-changes";
import { restOutput } from "../openapi";
import { adminProcedure, publicProcedure, router } from "../trpc";
import { plainText, ZId, ZInstant, ZLocalDate, ZPageInput } from "./schemas";

const ZPrice = z
  .number()
  .int({ error: "must be a whole number of minor units (e.g. cents)" })
  .min(0, { error: "cannot be negative" })
  .max(1_000_000, { error: "must be at most 1000000" });

/**
 * Integer minor units per seat kind; STANDARD is required, a kind left out costs the
 * STANDARD price, an unknown kind is rejected (strict object).
 */
export const ZPrices = z.strictObject(
  {
    STANDARD: ZPrice,
    PREMIUM: ZPrice.optional(),
    WHEELCHAIR: ZPrice.optional(),
    COMPANION: ZPrice.optional(),
  } satisfies Record<(typeof SEAT_KINDS)[number], z.ZodType>,
  { error: `seat kinds are ${SEAT_KINDS.join(", ")}` },
);

export const ZShowtimeCreateInput = z.object({
  movieId: ZId,
  hallId: ZId,
  startsAt: ZInstant,
  prices: ZPrices,
});

export const ZShowtimeUpdateInput = z.object({
  id: ZId,
  movieId: ZId.optional(),
  hallId: ZId.optional(),
  startsAt: ZInstant.optional(),
  prices: ZPrices.optional(),
});

export const ZShowtimeListInput = ZPageInput.extend({
  date: ZLocalDate.optional(),
  movieId: ZId.optional(),
  hallId: ZId.optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
  /** Cancelled showtimes are left out unless asked for (admins, "what happened to…"). */
  includeCancelled: z.boolean().optional(),
}).default({ limit: 50 });

/** A slot the admin form is filling in: is the hall free then? A film, or a duration. */
export const ZShowtimeOverlapsInput = z
  .object({
    hallId: ZId,
    startsAt: ZInstant,
    movieId: ZId.optional(),
    durationMinutes: z
      .number()
      .int({ error: "must be a whole number of minutes" })
      .min(1, { error: "must be at least 1 minute" })
      .max(600, { error: "must be at most 600 minutes" })
      .optional(),
    excludeId: ZId.optional(),
  })
  .refine((v) => (v.movieId === undefined) !== (v.durationMinutes === undefined), {
    error: "give either movieId or durationMinutes",
    path: ["movieId"],
  });

export const ZShowtimeCancelInput = z.object({
  id: ZId,
  reason: plainText(
    z
      .string()
      .trim()
      .min(1, { error: "say why, for the guests" })
      .max(500, { error: "at most 500 characters" }),
  ),
});

/** showtime.seatMap's input (the host's fast path for seat maps reads it too). */
export const ZSeatMapInput = z.object({ showtimeId: ZId });

export const showtimeRouter = router({
  list: publicProcedure
    .meta({
      openapi: { method: "GET", path: "/showtimes", tags: ["catalogue"], summary: "Showtimes" },
    })
    .input(ZShowtimeListInput)
    .output(restOutput<Awaited<ReturnType<typeof listShowtimes>>>("A page of showtimes"))
    .query(({ ctx, input }) => listShowtimes(ctx, input)),
  byId: publicProcedure
    .input(z.object({ id: ZId }))
    .query(({ ctx, input }) => getShowtime(ctx, input)),
  seatMap: publicProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/showtimes/{showtimeId}/seats",
        tags: ["booking"],
        summary: "Seat map",
      },
    })
    .input(ZSeatMapInput)
    .output(restOutput<Awaited<ReturnType<typeof seatMap>>>("Every seat with its state and price"))
    .query(({ ctx, input }) => seatMap(ctx, input)),
  seatMapChanges: publicProcedure
    .input(
      z.object({
        showtimeId: ZId,
        // tRPC fills it from the Last-Event-ID of a reconnecting EventSource.
        lastEventId: z.string().max(64, { error: "at most 64 characters" }).nullish(),
      }),
    )
    .subscription(({ ctx, input, signal }) =>
      seatMapChanges(
        ctx,
        { showtimeId: input.showtimeId, lastEventId: input.lastEventId ?? undefined },
        signal,
      ),
    ),
  overlaps: adminProcedure
    .input(ZShowtimeOverlapsInput)
    .query(({ ctx, input }) => checkShowtimeOverlap(ctx, input)),
  create: adminProcedure
    .input(ZShowtimeCreateInput)
    .mutation(({ ctx, input }) => createShowtime(ctx, input)),
  update: adminProcedure
    .input(ZShowtimeUpdateInput)
    .mutation(({ ctx, input }) => updateShowtime(ctx, input)),
  cancel: adminProcedure
    .input(ZShowtimeCancelInput)
    .mutation(({ ctx, input }) => cancelShowtime(ctx, input)),
  delete: adminProcedure
    .input(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => deleteShowtime(ctx, input)),
});
