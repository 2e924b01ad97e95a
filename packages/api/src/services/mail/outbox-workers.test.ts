// Several outbox workers on one PostgreSQL database claim with FOR UPDATE SKIP LOCKED: each
// mail is sent exactly once.
import { createTestDb, type TestDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../test/factories";
import { drain, scene, T0, workerFor } from "../../test/outbox";
import { startTestSmtp, type TestSmtp } from "../../test/smtp";

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))(
  "outbox workers side by side [postgresql]",
  () => {
    let db: TestDatabase;
    let smtp: TestSmtp;
    beforeAll(async () => {
      db = await createTestDb("postgresql", { poolSize: 20 });
      smtp = await startTestSmtp();
    }, 120_000);
    afterAll(async () => {
      await smtp.close();
      await db.close();
    });

    it("four workers draining 40 mails send each exactly once", async () => {
      const s = await scene(db);
      const users = await Promise.all(
        Array.from({ length: 40 }, () => createUser(db.prisma, { now: T0 })),
      );
      await db.prisma.outbox.createMany({
        data: users.map((u) => ({
          kind: "PASSWORD_RESET" as const,
          recipient: u.email,
          payload: { link: `https://x.test/reset-password?token=${u.id}` },
        })),
      });
      const workers = Array.from({ length: 4 }, () => workerFor(db.prisma, smtp));
      await Promise.all(workers.map((w) => drain(w)));
      expect(smtp.inbox.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : "")).sort()).toEqual(
        users.map((u) => u.email).sort(),
      );
      expect(await db.prisma.outbox.count({ where: { status: "SENT", attempts: 1 } })).toBe(40);
      expect(s.show.id).toBeTruthy();
    }, 120_000);
  },
);
