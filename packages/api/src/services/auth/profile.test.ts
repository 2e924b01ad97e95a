// auth.updateProfile and auth.deleteAccount (the account page); on PGlite and PostgreSQL.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { fieldErrors, rejection } from "../../test/assertions";
import {
  callerFor,
  createCinema,
  createReservation,
  createUser,
  FIXTURE_PASSWORD,
  recordingTransport,
} from "../../test/factories";

describeEachDatabase("the account page's procedures", (getDb) => {
  it("renames at once; a new e-mail needs the current password and a free address", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma, { name: "Old Name" });
    const taken = await createUser(prisma);
    const caller = callerFor(prisma, actor);

    const renamed = await caller.auth.updateProfile({ name: "  New Name ", email: actor.email });
    expect(renamed.user).toMatchObject({ id: actor.id, name: "New Name", email: actor.email });

    const fresh = `moved-${Date.now().toString(36)}@example.com`;
    const noPassword = await rejection(
      caller.auth.updateProfile({ name: "New Name", email: fresh }),
    );
    expect(noPassword.code).toBe("BAD_REQUEST");
    expect(fieldErrors(noPassword).currentPassword ?? noPassword.message).toMatch(
      /current password/,
    );
    const wrong = await rejection(
      caller.auth.updateProfile({ name: "X", email: fresh, currentPassword: "not-it-at-all" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    const duplicate = await rejection(
      caller.auth.updateProfile({
        name: "X",
        email: taken.email.toUpperCase(),
        currentPassword: FIXTURE_PASSWORD,
      }),
    );
    expect(duplicate.code).toBe("CONFLICT");
    expect(duplicate.message).toBe("Another account already uses this e-mail");
    // Nothing was written by the refused calls.
    expect(await prisma.user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({
      name: "New Name",
      email: actor.email,
    });

    const moved = await caller.auth.updateProfile({
      name: "New Name",
      email: ` ${fresh.toUpperCase()} `,
      currentPassword: FIXTURE_PASSWORD,
    });
    expect(moved.user.email).toBe(fresh);
    const anon = callerFor(prisma, null, { clientIp: "10.9.0.1" });
    expect((await anon.auth.login({ email: fresh, password: FIXTURE_PASSWORD })).user.id).toBe(
      actor.id,
    );
    const bad = await rejection(caller.auth.updateProfile({ name: " ", email: "not-an-email" }));
    expect(Object.keys(fieldErrors(bad)).sort()).toEqual(["email", "name"]);
  });

  it("deletes one's own account after the password: seats freed, past bookings kept, signed out", async () => {
    const { prisma } = getDb();
    const user = await createUser(prisma);
    const cinema = await createCinema(prisma, ["SS"]);
    const at = (h: number) => new Date(Date.now() + h * 3_600_000);
    const [past, future] = [await cinema.showtime(at(-48)), await cinema.showtime(at(48))];
    const book = (showtime: { id: string; hallId: string }) =>
      createReservation(prisma, {
        showtime,
        seatIds: [cinema.seat("A1")],
        status: "CONFIRMED",
        user,
      });
    const pastBooking = await book(past);
    const futureBooking = await book(future);

    const { transport, calls } = recordingTransport();
    const caller = callerFor(prisma, user, { transport });
    const wrong = await rejection(caller.auth.deleteAccount({ password: "wrong-password" }));
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
    expect(calls).toEqual([]);

    expect(await caller.auth.deleteAccount({ password: FIXTURE_PASSWORD })).toEqual({
      deleted: true,
      cancelledReservations: 1,
    });
    expect(calls).toEqual([{ clear: true }]);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(
      await prisma.reservation.findUniqueOrThrow({ where: { id: pastBooking.id } }),
    ).toMatchObject({
      status: "CONFIRMED",
      userId: null,
    });
    const cancelled = await prisma.reservation.findUniqueOrThrow({
      where: { id: futureBooking.id },
      include: { seats: true },
    });
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.seats[0]?.live).toBe(false);
  });

  it("never deletes the last administrator, even by their own hand", async () => {
    const { prisma } = getDb();
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const admin = await createUser(prisma, { role: "ADMIN" });
    const refused = await rejection(
      callerFor(prisma, admin).auth.deleteAccount({ password: FIXTURE_PASSWORD }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(await prisma.user.count({ where: { id: admin.id } })).toBe(1);
  });
});
