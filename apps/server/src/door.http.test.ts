// The door over HTTP with the real @trpc/client: staff admit a booking, a second scan is a
// 409 whose details the client can read, a user is refused with 403, and a password reset
// request answers the same for any address.
import { TRPCClientError } from "@trpc/client";
import { createCinema, createReservation, createUser } from "@marquee/api/testing";
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startServer, type RunningServer } from "./test/start-server";

describeEachDatabase("the door over HTTP", (getDb) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(getDb());
  });
  afterAll(() => server.close());

  it("admits once, then answers 409 with ALREADY_CHECKED_IN; a user gets 403", async () => {
    const db = getDb().prisma;
    const cinema = await createCinema(db);
    const showtime = await cinema.showtime(new Date(Date.now() + 20 * 60_000));
    const guest = await createUser(db);
    const staff = await createUser(db, { role: "STAFF" });
    const booking = await createReservation(db, {
      showtime,
      seatIds: [cinema.seat("A2"), cinema.seat("A1")],
      status: "CONFIRMED",
      user: guest,
    });
    const door = server.client({ authorization: `Bearer ${staff.token}` });
    const admitted = await door.ticket.checkIn.mutate({ code: booking.code });
    expect(admitted).toMatchObject({ code: booking.code, seats: ["A1", "A2"] });
    const second = await door.ticket.checkIn
      .mutate({ code: booking.code })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TRPCClientError);
    const error = second as {
      message: string;
      data: { httpStatus: number; details: { reason: string; checkedInAt: string } };
    };
    expect(error.data.httpStatus).toBe(409);
    expect(error.data.details).toMatchObject({
      reason: "ALREADY_CHECKED_IN",
      checkedInAt: admitted.checkedInAt,
    });
    expect(error.message).toMatch(/^Already admitted at \d\d:\d\d$/);

    const asGuest = server.client({ authorization: `Bearer ${guest.token}` });
    const refused = await asGuest.ticket.checkIn
      .mutate({ code: booking.code })
      .catch((e: unknown) => e);
    expect((refused as { data: { httpStatus: number } }).data.httpStatus).toBe(403);
  });

  it("answers a reset request the same whether or not the account exists", async () => {
    const user = await createUser(getDb().prisma);
    const anonymous = server.client();
    const known = await anonymous.auth.requestPasswordReset.mutate({ email: user.email });
    const unknown = await anonymous.auth.requestPasswordReset.mutate({
      email: `nobody-${Date.now()}@example.com`,
    });
    expect(known).toEqual(unknown);
  });
});
