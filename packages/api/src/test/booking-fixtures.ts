// A small cinema for booking tests: one hall (with every seat kind), a film and showtimes,
// inserted directly so each test can arrange any state.
import { randomUUID } from "node:crypto";
import { type PrismaClient } from "@marquee/db";
import { seatsFromLayout } from "@marquee/domain";

export const LAYOUT = ["SSSS_SSSS", "PPPP_PPPP", "WC_____CW"];
export const PRICES = { STANDARD: 1200, PREMIUM: 1650, WHEELCHAIR: 900, COMPANION: 900 };

export type Cinema = Awaited<ReturnType<typeof createCinema>>;

export async function createCinema(db: PrismaClient, layout: string[] = LAYOUT) {
  const hall = await db.hall.create({
    data: {
      name: `Hall ${randomUUID()}`,
      layout,
      seats: { createMany: { data: seatsFromLayout(layout).map(({ label: _l, ...s }) => s) } },
    },
    include: { seats: { orderBy: [{ y: "asc" }, { x: "asc" }] } },
  });
  const movie = await db.movie.create({
    data: { title: `Film ${randomUUID().slice(0, 8)}`, genres: ["drama"], durationMinutes: 100 },
  });
  const seat = (label: string) => {
    const found = hall.seats.find((s) => `${s.row}${s.number}` === label);
    if (!found) throw new Error(`no seat ${label}`);
    return found.id;
  };
  /** A showtime of this hall; callers pick start times that do not overlap. */
  const showtime = (startsAt: Date, status: "SCHEDULED" | "CANCELLED" = "SCHEDULED") =>
    db.showtime.create({
      data: {
        movieId: movie.id,
        hallId: hall.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 100 * 60_000),
        busyUntil: new Date(startsAt.getTime() + 115 * 60_000),
        priceStandard: PRICES.STANDARD,
        pricePremium: PRICES.PREMIUM,
        priceWheelchair: PRICES.WHEELCHAIR,
        priceCompanion: PRICES.COMPANION,
        currency: "EUR",
        status,
      },
    });
  return { hall, movie, seat, showtime };
}
