// Many signed-in users at once, straight into the database (no argon2 per user).
import { generateSessionToken, sessionIdFromToken } from "@marquee/api";
import { type PrismaClient } from "@marquee/db";

export type TestUser = { id: string; token: string };

export async function createSignedInUsers(db: PrismaClient, count: number): Promise<TestUser[]> {
  const users: TestUser[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < count; i += 1) {
    const user = await db.user.create({
      data: {
        email: `load-${stamp}-${i}@example.com`,
        name: `Load ${i}`,
        passwordHash: "unusable",
      },
    });
    const token = generateSessionToken();
    await db.session.create({
      data: {
        id: sessionIdFromToken(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + 864e5),
      },
    });
    users.push({ id: user.id, token });
  }
  return users;
}

/** A hall of `rows` x `perRow` standard seats with one showtime two days ahead. */
export async function createShowtimeWithSeats(db: PrismaClient, rows: number, perRow: number) {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const hall = await db.hall.create({
    data: {
      name: `Race hall ${stamp}`,
      layout: Array.from({ length: rows }, () => "S".repeat(perRow)),
      seats: {
        createMany: {
          data: Array.from({ length: rows * perRow }, (_, i) => ({
            row: String.fromCharCode(65 + Math.floor(i / perRow)),
            number: (i % perRow) + 1,
            kind: "STANDARD" as const,
            x: i % perRow,
            y: Math.floor(i / perRow),
          })),
        },
      },
    },
    include: { seats: { orderBy: [{ y: "asc" }, { x: "asc" }] } },
  });
  const movie = await db.movie.create({
    data: { title: `Race ${stamp}`, genres: [], durationMinutes: 90 },
  });
  const startsAt = new Date(Date.now() + 48 * 3_600_000);
  const showtime = await db.showtime.create({
    data: {
      movieId: movie.id,
      hallId: hall.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 90 * 60_000),
      busyUntil: new Date(startsAt.getTime() + 105 * 60_000),
      priceStandard: 1000,
      pricePremium: 1000,
      priceWheelchair: 1000,
      priceCompanion: 1000,
    },
  });
  return { showtime, seatIds: hall.seats.map((s) => s.id) };
}
