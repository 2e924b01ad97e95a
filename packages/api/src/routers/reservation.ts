import { z } from "zod";
import { cancelReservation } from "../services/booking/cancel-reservation";
import { confirmReservation } from "../services/booking/confirm-reservation";
import { listReservations, reservationByCode } from "../services/booking/find-reservations";
import { holdSeats } from "../services/booking/hold-seats";
import { myReservations } from "../services/booking/list-my-bookings";
import { restOutput } from "../openapi";
import { adminProcedure, protectedProcedure, router } from "../trpc";
import { plainText, ZLocalDate, ZPageInput } from "./schemas";

const ZId = (what: string) => z.uuid({ error: `Not a valid ${what} id` });
const ZStatus = z.enum(["HELD", "CONFIRMED", "CANCELLED", "EXPIRED"]);

export const ZHoldSeatsInput = z.object({
  showtimeId: ZId("showtime"),
  seatIds: z
    .array(ZId("seat"))
    .min(1, { error: "Choose at least one seat" })
    .max(100, { error: "Too many seats" })
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      const dupes = new Set(ids.filter((id) => seen.size === seen.add(id).size));
      if (dupes.size > 0) {
        ctx.addIssue({
          code: "custom",
          message: `The same seat was chosen twice: ${[...dupes].join(", ")}`,
        });
      }
    }),
  idempotencyKey: plainText(
    z
      .string()
      .min(8, { error: "An idempotency key has 8 to 100 characters" })
      .max(100, { error: "An idempotency key has 8 to 100 characters" }),
  ).optional(),
});

const ZReservationRef = z.object({ reservationId: ZId("reservation") });

export const reservationRouter = router({
  hold: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/reservations",
        tags: ["booking"],
        summary: "Hold seats",
        protect: true,
      },
    })
    .input(ZHoldSeatsInput)
    .output(restOutput<Awaited<ReturnType<typeof holdSeats>>>("The held reservation"))
    .mutation(({ ctx, input }) => holdSeats(ctx, input)),

  confirm: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/reservations/{reservationId}/confirm",
        tags: ["booking"],
        summary: "Confirm a hold",
        protect: true,
      },
    })
    .input(ZReservationRef)
    .output(restOutput<Awaited<ReturnType<typeof confirmReservation>>>("The booking"))
    .mutation(({ ctx, input }) => confirmReservation(ctx, input)),

  cancel: protectedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/reservations/{reservationId}/cancel",
        tags: ["booking"],
        summary: "Cancel a reservation",
        protect: true,
      },
    })
    .input(
      ZReservationRef.extend({
        /** An administrator's reason, told to the guest in the cancellation mail. */
        reason: plainText(z.string().trim().min(1).max(500)).optional(),
      }),
    )
    .output(restOutput<Awaited<ReturnType<typeof cancelReservation>>>("The cancelled reservation"))
    .mutation(({ ctx, input }) => cancelReservation(ctx, input)),

  mine: protectedProcedure
    .input(
      ZPageInput.extend({
        status: ZStatus.optional(),
        when: z.enum(["upcoming", "past"]).optional(),
      }).default({ limit: 50 }),
    )
    .query(({ ctx, input }) => myReservations(ctx, input)),

  byCode: protectedProcedure
    .input(z.object({ code: plainText(z.string().trim().min(4).max(20)) }))
    .query(({ ctx, input }) => reservationByCode(ctx, input)),

  list: adminProcedure
    .input(
      ZPageInput.extend({
        showtimeId: ZId("showtime").optional(),
        date: ZLocalDate.optional(),
        status: ZStatus.optional(),
        userId: ZId("user").optional(),
        email: plainText(z.string().trim().min(1).max(254)).optional(),
        code: plainText(z.string().trim().min(4).max(20)).optional(),
      }).default({ limit: 50 }),
    )
    .query(({ ctx, input }) => listReservations(ctx, input)),
});
