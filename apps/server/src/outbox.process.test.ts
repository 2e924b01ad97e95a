// The outbox across real server processes on PostgreSQL: a server killed before its mail got
// out leaves it in the outbox, and after a restart (two processes at once) it is sent exactly
// once. The SMTP server is real (smtp-server, in this process).
import { type ChildProcess } from "node:child_process";
import { createTestDb, type TestDatabase } from "@marquee/db/testing";
import { createBookingScene } from "@marquee/api/testing";
import { startTestSmtp, type TestSmtp } from "@marquee/api/testing/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChildServer } from "./test/start-server";

const HOUR = 3_600_000;

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  "outbox across processes [postgresql]",
  () => {
    let db: TestDatabase;
    let smtp: TestSmtp;
    const children: ChildProcess[] = [];
    beforeAll(async () => {
      db = await createTestDb("postgresql");
      smtp = await startTestSmtp({ refuse: 1_000 });
    }, 120_000);
    afterAll(async () => {
      await Promise.all(children.map((c) => stop(c, "SIGKILL")));
      await smtp.close();
      await db.close();
    });

    it("a server killed before sending: after a restart the mail goes out exactly once", async () => {
      const env = { SMTP_URL: smtp.url, MAIL_RETRY_BASE_SECONDS: "1" };
      const first = await startChildServer(db.url, env);
      children.push(first.process);
      const now = new Date();
      const s = await createBookingScene(db.prisma, {
        now,
        startsAt: new Date(now.getTime() + 48 * HOUR),
      });
      const hold = await s.hold(s.alice, ["A1", "A2"]);
      const booking = await s.as(s.alice).reservation.confirm({ reservationId: hold.id });

      // The first server tried (the mail server said "later"), then dies without a goodbye.
      const row = () => db.prisma.outbox.findFirstOrThrow({ where: { recipient: s.alice.email } });
      // (Its outcome recorded: a worker killed mid-send would leave its lease, five minutes.)
      await until("a first attempt's outcome", async () => (await row()).lastError !== null);
      await stop(first.process, "SIGKILL");
      expect(smtp.inbox).toHaveLength(0);
      expect((await row()).status).toBe("PENDING");

      // Two servers come back at once; the mail server now accepts.
      smtp.refuseNext(0);
      const [b, c] = await Promise.all([
        startChildServer(db.url, env),
        startChildServer(db.url, env),
      ]);
      children.push(b.process, c.process);
      await smtp.waitForMails(1, 90_000);
      await until("the row marked sent", async () => (await row()).status === "SENT");
      // Both stop cleanly, finishing anything in hand: still exactly one mail.
      await Promise.all([stop(b.process, "SIGTERM"), stop(c.process, "SIGTERM")]);
      expect(smtp.inbox.map((m) => m.subject)).toEqual([expect.stringContaining(booking.code)]);
      expect(smtp.refused).toBeGreaterThanOrEqual(1);
    }, 240_000);
  },
);
