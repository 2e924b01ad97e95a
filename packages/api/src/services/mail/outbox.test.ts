// The outbox against a real SMTP server (smtp-server in this process): mails written with the
// change that causes them, sent by the worker, retried with back-off, never for a rollback.
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { drain, MINUTE, mailsTo, scene, T0, textOf, workerFor } from "../../test/outbox";
import { startTestSmtp, type TestSmtp } from "../../test/smtp";

describeEachDatabase("outbox mails over SMTP", (getDb) => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp.close());

  it("sends the confirmation with code, film, local time, hall, seats, total, QR image and .ics", async () => {
    const s = await scene(getDb());
    const booking = await s.book(s.alice, ["B1", "A2"]);
    const worker = workerFor(getDb().prisma, smtp);
    expect(await drain(worker)).toBeGreaterThan(0);
    const [mail] = mailsTo(smtp, s.alice.email);
    expect(mail).toBeDefined();
    if (!mail) return;
    expect(mail.from?.text).toBe('"Marquee" <tickets@marquee.test>');
    expect(mail.subject).toContain(booking.code);
    const text = textOf(mail);
    for (const fact of [
      booking.code,
      s.cinema.movie.title,
      s.cinema.hall.name,
      "A2, B1",
      "€28.50",
    ]) {
      expect(text).toContain(fact);
    }
    // 19:00 UTC is 20:00 in Paris.
    expect(text).toContain("Mon 10 Mar 2031, 20:00");
    expect(mail.html).toContain(booking.code);
    const qr = mail.attachments.find((a) => a.contentType === "image/png");
    expect(qr?.cid).toBeTruthy();
    expect(mail.html).toContain(`cid:${qr?.cid}`);
    expect(qr?.content.subarray(1, 4).toString()).toBe("PNG");
    const ics = mail.attachments.find((a) => a.filename === "marquee.ics");
    const calendar = ics?.content.toString() ?? "";
    expect(calendar).toContain("BEGIN:VEVENT");
    expect(calendar).toContain("DTSTART:20310310T190000Z");
    expect(calendar).toContain(`SUMMARY:${s.cinema.movie.title}`);
    const rows = await getDb().prisma.outbox.findMany({ where: { recipient: s.alice.email } });
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ["BOOKING_CONFIRMED", "SENT", 1],
    ]);
  });

  it("sends nothing for a booking that rolled back", async () => {
    const s = await scene(getDb());
    // Alice's hold lapses, Bob buys her seat, so her confirmation fails and rolls back.
    const late = new Date(T0.getTime() + 11 * MINUTE);
    const hold = await s.hold(s.alice, ["C1"]);
    await s.book(s.bob, ["C1"], late);
    await expect(
      s.as(s.alice, late).reservation.confirm({ reservationId: hold.id }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    // And a confirmation inside a transaction that fails afterwards.
    const second = await s.hold(s.alice, ["C2"], late);
    await expect(
      getDb().prisma.$transaction(async (tx) => {
        await tx.reservation.update({ where: { id: second.id }, data: { status: "CONFIRMED" } });
        throw new Error("payment provider said no");
      }),
    ).rejects.toThrow("payment provider said no");
    await drain(workerFor(getDb().prisma, smtp));
    expect(mailsTo(smtp, s.alice.email)).toEqual([]);
    expect(await getDb().prisma.outbox.count({ where: { recipient: s.alice.email } })).toBe(0);
    expect(mailsTo(smtp, s.bob.email)).toHaveLength(1);
  });

  it("tells holders of a cancelled showtime the reason, and of a moved one both times", async () => {
    const s = await scene(getDb());
    await s.book(s.alice, ["A5"]);
    await s.book(s.bob, ["A6"]);
    const admin = s.as(s.admin);
    await admin.showtime.update({ id: s.show.id, startsAt: "2031-03-11T18:00:00.000Z" });
    await admin.showtime.cancel({ id: s.show.id, reason: "Projector fault" });
    await drain(workerFor(getDb().prisma, smtp));
    for (const who of [s.alice, s.bob]) {
      const subjects = mailsTo(smtp, who.email).map((m) => m.subject ?? "");
      expect(subjects).toHaveLength(3);
      const moved = mailsTo(smtp, who.email).find((m) => m.subject?.startsWith("New time"));
      expect(textOf(moved ?? {})).toContain(
        "from Mon 10 Mar 2031, 20:00 to Tue 11 Mar 2031, 19:00",
      );
      const cancelled = mailsTo(smtp, who.email).find((m) => m.subject?.startsWith("Cancelled"));
      expect(textOf(cancelled ?? {})).toContain("Reason: Projector fault");
      expect(cancelled?.html).toContain("Projector fault");
    }
  });

  it("tells the guest when an admin cancels their booking, with the admin's reason", async () => {
    const s = await scene(getDb());
    const booking = await s.book(s.alice, ["B7"]);
    await s.as(s.admin).reservation.cancel({ reservationId: booking.id, reason: "Double booking" });
    await drain(workerFor(getDb().prisma, smtp));
    const cancelled = mailsTo(smtp, s.alice.email).find((m) => m.subject?.includes("cancelled"));
    expect(textOf(cancelled ?? {})).toContain("Reason: Double booking");
    // Guests cancel without a reason; giving one is refused and writes nothing.
    const other = await s.book(s.bob, ["B8"]);
    await expect(
      s.as(s.bob).reservation.cancel({ reservationId: other.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(
      (await getDb().prisma.reservation.findUniqueOrThrow({ where: { id: other.id } })).status,
    ).toBe("CONFIRMED");
  });

  it("retries a refusing server with exponential back-off, then gives up after the last attempt", async () => {
    const s = await scene(getDb());
    const prisma = getDb().prisma;
    const worker = workerFor(prisma, smtp, { retryBaseMs: 60 * MINUTE, maxAttempts: 4 });
    await drain(worker); // earlier tests' leftovers, so refusals below meet only this mail
    const booking = await s.book(s.alice, ["A8"]);
    const row = () => prisma.outbox.findFirstOrThrow({ where: { recipient: s.alice.email } });
    const dbNow = async () =>
      (await prisma.$queryRaw<{ now: Date }[]>`SELECT now()`)[0]?.now ?? new Date(0);
    /** Time passes: the mail is due again. */
    const due = async () =>
      prisma.outbox.updateMany({
        where: { recipient: s.alice.email },
        data: { nextAttemptAt: new Date(0) },
      });

    smtp.refuseNext(2);
    for (const attempt of [1, 2]) {
      const before = await dbNow();
      await drain(worker);
      const after = await dbNow();
      const r = await row();
      expect(r).toMatchObject({ status: "PENDING", attempts: attempt });
      expect(r.lastError).toContain("451");
      // base × 2^(attempt-1) after the failure, and not before.
      const delay = 60 * MINUTE * 2 ** (attempt - 1);
      expect(r.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before.getTime() + delay - 1);
      expect(r.nextAttemptAt.getTime()).toBeLessThanOrEqual(after.getTime() + delay + 1);
      // Not due yet: the worker leaves it alone.
      expect(await worker.runOnce()).toBe(0);
      await due();
    }
    await drain(worker);
    expect(await row()).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
    expect(mailsTo(smtp, s.alice.email).map((m) => m.subject)).toEqual([
      expect.stringContaining(booking.code),
    ]);

    // A mail that keeps failing is marked FAILED after maxAttempts and left alone.
    const other = await s.book(s.bob, ["B5"]);
    smtp.refuseNext(100);
    for (let i = 0; i < 4; i += 1) {
      await drain(worker);
      await prisma.outbox.updateMany({
        where: { recipient: s.bob.email, status: "PENDING" },
        data: { nextAttemptAt: new Date(0) },
      });
    }
    smtp.refuseNext(0);
    expect(await drain(worker)).toBe(0);
    expect(
      await prisma.outbox.findFirstOrThrow({ where: { recipient: s.bob.email } }),
    ).toMatchObject({
      status: "FAILED",
      attempts: 4,
    });
    expect(mailsTo(smtp, s.bob.email)).toEqual([]);
    expect(other.code).toBeTruthy();
  });

  it("keeps mails in the outbox without a worker, and shows them to admins rendered", async () => {
    const s = await scene(getDb());
    const booking = await s.book(s.alice, ["C3"]);
    const page = await s.as(s.admin).outbox.list({ status: "PENDING" });
    const entry = page.items.find((e) => e.recipient === s.alice.email);
    expect(entry).toMatchObject({ kind: "BOOKING_CONFIRMED", status: "PENDING", attempts: 0 });
    expect(entry?.subject).toContain(booking.code);
    expect(entry?.text).toContain(s.cinema.hall.name);
  });
});
