// Housekeeping deletes exactly the rows past their retention, and nothing still in use.
import { describeEachDatabase } from "@marquee/db/testing";
import { expect, it } from "vitest";
import { createUser } from "../../test/factories";
import { RETENTION, tidy } from "./tidy";

describeEachDatabase("housekeeping", (getDb) => {
  it("deletes old attempts, dead sessions and reset tokens, and finished old mails only", async () => {
    const { prisma } = getDb();
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const user = await createUser(prisma);
    const tag = `tidy-${Date.now().toString(36)}`;

    await prisma.authAttempt.createMany({
      data: [
        { kind: "SIGN_IN_PAIR", key: `${tag} old`, createdAt: ago(RETENTION.authAttemptsMs + 1) },
        { kind: "SIGN_IN_PAIR", key: `${tag} new`, createdAt: ago(RETENTION.authAttemptsMs - 1) },
      ],
    });
    await prisma.session.createMany({
      data: [
        { id: `${tag}-dead`, userId: user.id, expiresAt: ago(RETENTION.expiredSessionsMs + 1) },
        { id: `${tag}-just`, userId: user.id, expiresAt: ago(1_000) },
        { id: `${tag}-live`, userId: user.id, expiresAt: new Date(now.getTime() + 60_000) },
      ],
    });
    const spent = RETENTION.spentResetTokensMs;
    await prisma.passwordResetToken.createMany({
      data: [
        { id: `${tag}-expired`, userId: user.id, expiresAt: ago(spent + 1) },
        { id: `${tag}-used`, userId: user.id, expiresAt: now, usedAt: ago(spent + 1) },
        { id: `${tag}-fresh`, userId: user.id, expiresAt: new Date(now.getTime() + 60_000) },
      ],
    });
    const old = ago(RETENTION.finishedMailMs + 1);
    const mail = (status: "PENDING" | "SENT" | "FAILED", createdAt: Date) => ({
      kind: "PASSWORD_RESET" as const,
      recipient: `${tag}-${status}-${createdAt.getTime()}@example.com`,
      payload: {},
      status,
      createdAt,
    });
    await prisma.outbox.createMany({
      data: [mail("SENT", old), mail("FAILED", old), mail("PENDING", old), mail("SENT", now)],
    });

    const counts = await tidy(prisma, now);
    expect(counts).toEqual({ authAttempts: 1, sessions: 1, resetTokens: 2, mails: 2 });

    const keys = await prisma.authAttempt.findMany({ where: { key: { startsWith: tag } } });
    expect(keys.map((k) => k.key)).toEqual([`${tag} new`]);
    const sessions = await prisma.session.findMany({ where: { id: { startsWith: tag } } });
    expect(sessions.map((s) => s.id).sort()).toEqual([`${tag}-just`, `${tag}-live`]);
    const tokens = await prisma.passwordResetToken.findMany({ where: { id: { startsWith: tag } } });
    expect(tokens.map((t) => t.id)).toEqual([`${tag}-fresh`]);
    const mails = await prisma.outbox.findMany({ where: { recipient: { startsWith: tag } } });
    expect(mails.map((m) => m.status).sort()).toEqual(["PENDING", "SENT"]);

    // Running again (or in another process at once) finds nothing more.
    expect(await tidy(prisma, now)).toEqual({
      authAttempts: 0,
      sessions: 0,
      resetTokens: 0,
      mails: 0,
    });
  });
});
