import { describeEachDatabase } from "@marquee/db/testing";
import { type inferProcedureInput } from "@trpc/server";
import { expect, it } from "vitest";
import { type AppRouter } from "../root";
import { fieldErrors, rejection } from "../test/assertions";
import {
  callerFor,
  createCinema,
  createReservation,
  createUser,
  FIXTURE_PASSWORD,
  recordingTransport,
} from "../test/factories";
import { sessionIdFromToken, validateSessionToken } from "../services/auth/session";

type RegisterInput = inferProcedureInput<AppRouter["auth"]["register"]>;

describeEachDatabase("auth procedures", (getDb) => {
  it("registers (e-mail normalised), signs in via the transport, and answers me()", async () => {
    const { prisma } = getDb();
    const { transport, calls } = recordingTransport();
    const caller = callerFor(prisma, null, { transport, clientIp: "10.0.0.1" });
    const input: RegisterInput = {
      email: "  Ada@Example.COM ",
      name: " Ada ",
      password: "lovelace-1815",
    };
    const { user } = await caller.auth.register(input);
    expect(user).toEqual({
      id: expect.any(String),
      email: "ada@example.com",
      name: "Ada",
      role: "USER",
    });
    expect(calls).toHaveLength(1);
    const set = calls[0] as { set: string; expiresAt: Date };
    const validated = await validateSessionToken(prisma, set.set, new Date());
    expect(validated.user?.id).toBe(user.id);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(user)).not.toContain("argon2");
  });

  it("refuses a second account for the same e-mail in any case, writing nothing", async () => {
    const { prisma } = getDb();
    const caller = callerFor(prisma, null, { clientIp: "10.0.0.2" });
    await caller.auth.register({
      email: "grace@example.com",
      name: "Grace",
      password: "hopper-1906",
    });
    const before = await prisma.user.count();
    const error = await rejection(
      caller.auth.register({ email: "GRACE@example.com", name: "G", password: "another-pass" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("An account with this e-mail already exists");
    expect(await prisma.user.count()).toBe(before);
  });

  it("names each bad field", async () => {
    const { prisma } = getDb();
    const caller = callerFor(prisma, null);
    const before = await prisma.user.count();
    const error = await rejection(
      caller.auth.register({ email: "not-an-email", name: "  ", password: "short" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrors(error)).toEqual({
      email: ["Enter a valid e-mail address"],
      name: ["Enter your name"],
      password: ["Use at least 8 characters"],
    });
    expect(await prisma.user.count()).toBe(before);
  });

  it("gives the same error for an unknown e-mail and a wrong password", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const caller = callerFor(prisma, null, { clientIp: "10.0.0.3" });
    const unknown = await rejection(
      caller.auth.login({ email: "nobody@example.com", password: "whatever1" }),
    );
    const wrong = await rejection(caller.auth.login({ email: actor.email, password: "whatever1" }));
    expect(unknown.code).toBe("UNAUTHORIZED");
    expect(wrong.code).toBe(unknown.code);
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.message).toBe("E-mail or password is incorrect");
  });

  it("logs in, creates tokens for scripts, and logs out for real", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const { transport, calls } = recordingTransport();
    const anon = callerFor(prisma, null, { transport, clientIp: "10.0.0.4" });
    const { user } = await anon.auth.login({
      email: actor.email.toUpperCase(),
      password: FIXTURE_PASSWORD,
    });
    expect(user.id).toBe(actor.id);
    expect(calls).toHaveLength(1);

    const scripted = await anon.auth.createToken({
      email: actor.email,
      password: FIXTURE_PASSWORD,
    });
    expect(scripted.token).toMatch(/^[a-z2-7]{32}$/);
    expect(calls).toHaveLength(1); // no cookie for script tokens

    const me = callerFor(prisma, { ...actor, token: scripted.token }, { transport });
    expect((await me.auth.me())?.id).toBe(actor.id);
    await me.auth.logout();
    expect(calls.at(-1)).toEqual({ clear: true });
    expect(await prisma.session.count({ where: { id: sessionIdFromToken(scripted.token) } })).toBe(
      0,
    );
    expect(await callerFor(prisma, { ...actor, token: scripted.token }).auth.me()).toBeNull();
  });

  it("throttles sign-ins per account and address, without locking the owner out elsewhere", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const config = { maxFailedLogins: 3 };
    const t0 = new Date();
    const from = (clientIp: string, now = t0) => callerFor(prisma, null, { now, config, clientIp });
    const stranger = from("10.1.0.1");
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await rejection(stranger.auth.login({ email: actor.email, password: "wrong-pass" }))).code,
      ).toBe("UNAUTHORIZED");
    }
    // Even the right password is not checked from there now.
    const error = await rejection(
      stranger.auth.login({ email: actor.email, password: FIXTURE_PASSWORD }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    const retry = (error.cause as { details?: { retryAfterSeconds?: number } }).details
      ?.retryAfterSeconds;
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // The owner, from their own address, still gets in.
    const owner = from("10.1.0.99");
    expect(
      (await owner.auth.login({ email: actor.email, password: FIXTURE_PASSWORD })).user.id,
    ).toBe(actor.id);
    const later = from("10.1.0.1", new Date(t0.getTime() + 15 * 60 * 1000 + 1000));
    expect(
      (await later.auth.login({ email: actor.email, password: FIXTURE_PASSWORD })).user.id,
    ).toBe(actor.id);
  });

  it("keeps higher ceilings per account (distributed guessing) and per address", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const config = { maxFailedLogins: 2 }; // ceilings: 5 x 2 = 10
    const guess = async (email: string, clientIp: string) =>
      (
        await rejection(
          callerFor(prisma, null, { config, clientIp }).auth.login({
            email,
            password: "wrong-pass",
          }),
        )
      ).code;
    for (let i = 0; i < 10; i += 1)
      expect(await guess(actor.email, `10.2.1.${i}`)).toBe("UNAUTHORIZED");
    expect(await guess(actor.email, "10.2.1.200")).toBe("TOO_MANY_REQUESTS");
    for (let i = 0; i < 10; i += 1) {
      expect(await guess(`someone-${i % 5}@example.com`, "10.2.2.1")).toBe("UNAUTHORIZED");
    }
    expect(await guess("another@example.com", "10.2.2.1")).toBe("TOO_MANY_REQUESTS");
    expect(await guess("another@example.com", "10.2.2.2")).toBe("UNAUTHORIZED");
  });

  it("throttles registrations per client address", async () => {
    const { prisma } = getDb();
    const caller = callerFor(prisma, null, {
      config: { maxRegistrations: 2 },
      clientIp: "10.3.0.1",
    });
    await caller.auth.register({ email: "r1@example.com", name: "R1", password: "password-1" });
    await caller.auth.register({ email: "r2@example.com", name: "R2", password: "password-2" });
    const error = await rejection(
      caller.auth.register({ email: "r3@example.com", name: "R3", password: "password-3" }),
    );
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(await prisma.user.count({ where: { email: "r3@example.com" } })).toBe(0);
  });

  it("changes the password and ends every other session", async () => {
    const { prisma } = getDb();
    const actor = await createUser(prisma);
    const other = await callerFor(prisma, null, { clientIp: "10.4.0.1" }).auth.createToken({
      email: actor.email,
      password: FIXTURE_PASSWORD,
    });
    const caller = callerFor(prisma, actor);
    const wrong = await rejection(
      caller.auth.changePassword({ currentPassword: "nope-nope", newPassword: "brand-new-pass" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.message).toBe("The current password is incorrect");

    expect(
      await caller.auth.changePassword({
        currentPassword: FIXTURE_PASSWORD,
        newPassword: "brand-new-pass",
      }),
    ).toEqual({ endedSessions: 1 });
    expect(await callerFor(prisma, { ...actor, token: other.token }).auth.me()).toBeNull();
    expect((await callerFor(prisma, actor).auth.me())?.id).toBe(actor.id);
    const anon = callerFor(prisma, null, { clientIp: "10.4.0.2" });
    await rejection(anon.auth.login({ email: actor.email, password: FIXTURE_PASSWORD }));
    expect(
      (await anon.auth.login({ email: actor.email, password: "brand-new-pass" })).user.id,
    ).toBe(actor.id);
  });
});

describeEachDatabase("user administration", (getDb) => {
  it("lists users by e-mail with search and a cursor, never exposing hashes", async () => {
    const { prisma } = getDb();
    const admin = await createUser(prisma, { role: "ADMIN" });
    for (const name of ["zed", "amy", "bob"]) {
      await createUser(prisma, { email: `${name}@list.example`, name: `Person ${name}` });
    }
    const caller = callerFor(prisma, admin);
    const first = await caller.user.list({ query: "LIST.example", limit: 2 });
    expect(first.items.map((u) => u.email)).toEqual(["amy@list.example", "bob@list.example"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await caller.user.list({
      query: "list.example",
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second.items.map((u) => u.email)).toEqual(["zed@list.example"]);
    expect(second.nextCursor).toBeNull();
    expect(JSON.stringify([first, second])).not.toMatch(/passwordHash|argon2/);
  });

  it("promotes and demotes; a role change signs the user out; the last admin stays", async () => {
    const { prisma } = getDb();
    await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
    const admin = await createUser(prisma, { role: "ADMIN" });
    const user = await createUser(prisma);
    const caller = callerFor(prisma, admin);

    expect((await caller.user.setRole({ userId: user.id, role: "ADMIN" })).role).toBe("ADMIN");
    expect(await callerFor(prisma, user).auth.me()).toBeNull(); // signed out

    expect((await caller.user.setRole({ userId: user.id, role: "USER" })).role).toBe("USER");
    const last = await rejection(caller.user.setRole({ userId: admin.id, role: "USER" }));
    expect(last.code).toBe("CONFLICT");
    expect(last.message).toBe("The last administrator cannot be demoted");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");

    const missing = await rejection(
      caller.user.setRole({ userId: "00000000-0000-7000-8000-000000000000", role: "ADMIN" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("deletes a user: sessions end, upcoming bookings are cancelled and their seats freed", async () => {
    const { prisma } = getDb();
    const admin = await createUser(prisma, { role: "ADMIN" });
    const user = await createUser(prisma);
    const cinema = await createCinema(prisma, ["SS"]);
    const at = (h: number) => new Date(Date.now() + h * 3_600_000);
    const past = await cinema.showtime(at(-48));
    const future = await cinema.showtime(at(48));
    const book = (showtime: { id: string; hallId: string }) =>
      createReservation(prisma, {
        showtime,
        seatIds: [cinema.seat("A1")],
        status: "CONFIRMED",
        user,
      });
    const pastBooking = await book(past);
    const futureBooking = await book(future);

    const caller = callerFor(prisma, admin);
    expect(await caller.user.delete({ userId: user.id })).toEqual({
      deleted: true,
      cancelledReservations: 1,
    });
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const kept = await prisma.reservation.findUniqueOrThrow({
      where: { id: pastBooking.id },
      include: { seats: true },
    });
    expect(kept).toMatchObject({ status: "CONFIRMED", userId: null });
    expect(kept.seats[0]?.live).toBe(true);
    const cancelled = await prisma.reservation.findUniqueOrThrow({
      where: { id: futureBooking.id },
      include: { seats: true },
    });
    expect(cancelled).toMatchObject({ status: "CANCELLED", userId: null });
    expect(cancelled.seats[0]?.live).toBe(false);

    expect((await rejection(caller.user.delete({ userId: admin.id }))).code).toBe("CONFLICT");
  });
});
