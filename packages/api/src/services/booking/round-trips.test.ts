// The booking hot path is one round trip per step: hold, confirm and cancel each send exactly
// one statement (no BEGIN/COMMIT, no read-back), counted at the database client.
import { createCountingClient, describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContextInner, type SessionUser } from "../../context";
import { createBookingScene } from "../../test/factories";
import { cancelReservation } from "./cancel-reservation";
import { confirmReservation } from "./confirm-reservation";
import { holdSeats } from "./hold-seats";

const T0 = new Date("2030-06-01T12:00:00.000Z");

describeEachDatabase("booking round trips", (getDb) => {
  let counting: Awaited<ReturnType<typeof createCountingClient>>;
  beforeAll(async () => {
    counting = await createCountingClient(getDb());
  });
  afterAll(async () => {
    await counting.close();
  });

  /** Runs one step through the counting client and returns what it sent. */
  async function sent<T>(step: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    counting.statements.length = 0;
    const result = await step();
    return { result, statements: [...counting.statements] };
  }

  it("holds, replaces a hold, confirms and cancels in one statement each", async () => {
    const scene = await createBookingScene(getDb().prisma, {
      now: T0,
      startsAt: new Date(T0.getTime() + 48 * 3_600_000),
    });
    const deps = (user: SessionUser) => ({
      ...createContextInner({ db: counting.prisma, now: () => T0 }),
      user,
    });
    const alice = deps(scene.alice);
    const seats = ["A1", "A2"].map(scene.cinema.seat);

    const hold = await sent(() => holdSeats(alice, { showtimeId: scene.show.id, seatIds: seats }));
    expect(hold.result.status).toBe("HELD");
    expect(hold.statements).toHaveLength(1);
    expect(hold.statements[0]).toMatch(/marquee_hold/);

    const again = await sent(() =>
      holdSeats(alice, { showtimeId: scene.show.id, seatIds: [scene.cinema.seat("A3")] }),
    );
    expect(again.result.id).toBe(hold.result.id);
    expect(again.statements).toHaveLength(1);

    const confirm = await sent(() => confirmReservation(alice, { reservationId: hold.result.id }));
    expect(confirm.result.status).toBe("CONFIRMED");
    expect(confirm.statements).toHaveLength(1);
    expect(confirm.statements[0]).toMatch(/marquee_confirm/);

    const cancel = await sent(() => cancelReservation(alice, { reservationId: hold.result.id }));
    expect(cancel.result.status).toBe("CANCELLED");
    expect(cancel.statements).toHaveLength(1);
    expect(cancel.statements[0]).toMatch(/marquee_cancel/);
    expect(await scene.live()).toEqual([]);

    // Refusals are answers of the same one statement, not an exception and a second look.
    await scene.hold(scene.bob, ["B1"]);
    const taken = await sent(() =>
      holdSeats(alice, { showtimeId: scene.show.id, seatIds: [scene.cinema.seat("B1")] }).catch(
        (error: unknown) => error,
      ),
    );
    expect(taken.result).toMatchObject({ details: { reason: "SEATS_TAKEN", seats: ["B1"] } });
    expect(taken.statements).toHaveLength(1);
  });
});
