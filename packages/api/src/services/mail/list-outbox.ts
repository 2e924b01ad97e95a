// outbox.list (admin): the mails, newest first, rendered as they would be sent.
import { type OutboxStatus } from "@marquee/db";
import { type Context } from "../../context";
import { decodeCursor, instantKey, toPage, type Page, type PageInput } from "../pagination";
import { renderOutboxMail } from "./render";

export type OutboxEntryView = {
  id: string;
  kind: string;
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  subject: string;
  /** The plain-text part; a reset link is never shown. */
  text: string;
};

const HIDDEN_LINK = "(the reset link is only in the mail itself)";

export async function listOutbox(
  deps: Pick<Context, "db" | "now" | "config">,
  input: PageInput & { status?: OutboxStatus | undefined },
): Promise<Page<OutboxEntryView>> {
  // Trigger-written ids are random (v4): the position is (createdAt, id).
  const after = input.cursor ? decodeCursor(input.cursor, instantKey) : null;
  const rows = await deps.db.outbox.findMany({
    where: {
      ...(input.status ? { status: input.status } : {}),
      ...(after
        ? {
            OR: [{ createdAt: { lt: after.key } }, { createdAt: after.key, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
  });
  const views = await Promise.all(
    rows.map(async (row): Promise<OutboxEntryView> => {
      let subject: string;
      let text: string;
      if (row.kind === "PASSWORD_RESET") {
        subject = "Reset your Marquee password";
        text = HIDDEN_LINK;
      } else {
        try {
          const mail = await renderOutboxMail(deps.db, row, {
            timeZone: deps.config.timeZone,
            origin: null,
            now: deps.now(),
          });
          ({ subject, text } = mail);
        } catch (error) {
          subject = "(cannot be rendered)";
          text = error instanceof Error ? error.message : String(error);
        }
      }
      return {
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        status: row.status,
        attempts: row.attempts,
        lastError: row.lastError,
        createdAt: row.createdAt.toISOString(),
        sentAt: row.sentAt?.toISOString() ?? null,
        nextAttemptAt: row.nextAttemptAt.toISOString(),
        subject,
        text,
      };
    }),
  );
  return toPage(
    views,
    input.limit,
    (view) => view,
    (v) => ({ key: v.createdAt, id: v.id }),
  );
}
