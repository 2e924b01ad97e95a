// Password reset: the same answer for every address, throttled, a single-use 30-minute token
// stored only as a hash, every session ended; the link travels through the outbox and a real
// SMTP server.
import { createHash } from "node:crypto";
import { describeEachDatabase } from "@marquee/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { details, rejection } from "../../test/assertions";
import { callerFor, createUser, FIXTURE_PASSWORD } from "../../test/factories";
import { startTestSmtp, type TestSmtp } from "../../test/smtp";
import { smtpTransport } from "../mail/transport";
import { createOutboxWorker } from "../mail/worker";
import { validateSessionToken } from "./session";

const MINUTE = 60_000;

describeEachDatabase("password reset", (getDb) => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(() => smtp.close());

  const anonymous = (now = new Date(), clientIp = "198.51.100.7") =>
    callerFor(getDb().prisma, null, { now, clientIp });

  async function mailedLink(email: string): Promise<string> {
    const worker = createOutboxWorker({
      db: getDb().prisma,
      transport: smtpTransport(smtp.url),
      from: "tickets@marquee.test",
      timeZone: "UTC",
      origin: null,
      retryBaseMs: MINUTE,
      maxAttempts: 3,
    });
    while ((await worker.runOnce()) > 0);
    const mail = smtp.inbox
      .filter((m) => m.to && !Array.isArray(m.to) && m.to.text === email)
      .at(-1);
    const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? "")?.[0];
    if (!link) throw new Error(`no reset link mailed to ${email}`);
    expect(mail?.html).toContain(link);
    return link;
  }

  it("answers the same for known and unknown addresses; only the known one gets a mail", async () => {
    const user = await createUser(getDb().prisma);
    const unknown = `nobody-${Date.now()}@example.com`;
    const a = await anonymous(new Date(), "198.51.100.1").auth.requestPasswordReset({
      email: user.email.toUpperCase(),
    });
    const b = await anonymous(new Date(), "198.51.100.1").auth.requestPasswordReset({
      email: unknown,
    });
    expect(a).toEqual(b);
    const rows = await getDb().prisma.outbox.findMany({
      where: { recipient: { in: [user.email, unknown] } },
    });
    expect(rows.map((r) => [r.kind, r.recipient])).toEqual([["PASSWORD_RESET", user.email]]);
  });

  it("resets with the mailed link once, ends every session, and stores only the token's hash", async () => {
    const prisma = getDb().prisma;
    const user = await createUser(prisma);
    const otherDevice = await createUser(prisma, { email: `x-${user.email}` }); // unrelated account
    await anonymous(new Date(), "198.51.100.2").auth.requestPasswordReset({ email: user.email });
    const link = await mailedLink(user.email);
    expect(link.startsWith("http://localhost:3000/reset-password?token=")).toBe(true);
    const token = new URL(link).searchParams.get("token") ?? "";
    const stored = await prisma.passwordResetToken.findMany({ where: { userId: user.id } });
    expect(stored.map((t) => t.id)).toEqual([createHash("sha256").update(token).digest("hex")]);
    // The link left the outbox with the mail.
    const row = await prisma.outbox.findFirstOrThrow({ where: { recipient: user.email } });
    expect(row.status).toBe("SENT");
    expect(JSON.stringify(row.payload)).not.toContain(token);

    await expect(
      anonymous().auth.resetPassword({ token, password: "a brand new secret" }),
    ).resolves.toEqual({ endedSessions: 1 });
    expect(await validateSessionToken(prisma, user.token, new Date())).toMatchObject({
      user: null,
    });
    expect(await validateSessionToken(prisma, otherDevice.token, new Date())).not.toMatchObject({
      user: null,
    });
    await expect(
      anonymous().auth.login({ email: user.email, password: "a brand new secret" }),
    ).resolves.toMatchObject({ user: { id: user.id } });
    const old = await rejection(
      anonymous().auth.login({ email: user.email, password: FIXTURE_PASSWORD }),
    );
    expect(old.code).toBe("UNAUTHORIZED");
    // Single use.
    const again = await rejection(
      anonymous().auth.resetPassword({ token, password: "yet another one" }),
    );
    expect(again.code).toBe("BAD_REQUEST");
    expect(details(again)).toMatchObject({ reason: "INVALID_FIELD", field: "token" });
  });

  it("refuses a link after 30 minutes, and made-up tokens", async () => {
    const prisma = getDb().prisma;
    const user = await createUser(prisma);
    const t0 = new Date();
    await anonymous(t0, "198.51.100.3").auth.requestPasswordReset({ email: user.email });
    const token = new URL(await mailedLink(user.email)).searchParams.get("token") ?? "";
    const late = anonymous(new Date(t0.getTime() + 31 * MINUTE));
    expect(
      (await rejection(late.auth.resetPassword({ token, password: "too late now" }))).code,
    ).toBe("BAD_REQUEST");
    expect(
      (
        await rejection(
          anonymous().auth.resetPassword({ token: "b".repeat(32), password: "guessing" }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    // In time it works.
    await expect(
      anonymous(new Date(t0.getTime() + 29 * MINUTE)).auth.resetPassword({
        token,
        password: "just in time",
      }),
    ).resolves.toEqual({ endedSessions: 1 });
  });

  it("throttles requests per address", async () => {
    const user = await createUser(getDb().prisma);
    for (let i = 0; i < 5; i += 1) {
      await anonymous(new Date(), `203.0.113.${i}`).auth.requestPasswordReset({
        email: user.email,
      });
    }
    const refused = await rejection(
      anonymous(new Date(), "203.0.113.99").auth.requestPasswordReset({ email: user.email }),
    );
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(details(refused)).toMatchObject({ reason: "RATE_LIMITED" });
    expect(await getDb().prisma.outbox.count({ where: { recipient: user.email } })).toBe(5);
  });
});
