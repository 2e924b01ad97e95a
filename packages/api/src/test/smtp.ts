// A real SMTP server in the test process (smtp-server), keeping every accepted mail parsed
// (mailparser). It can refuse deliveries (451, "try again later") or swallow them, to test
// retries. Production code never imports this module.
import { type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TestSmtp = {
  url: string;
  port: number;
  inbox: ParsedMail[];
  /** Deliveries refused so far. */
  refused: number;
  /** Refuse the next n deliveries with 451. */
  refuseNext(n: number): void;
  /** Resolves once the inbox holds at least n mails (polls; the caller's timeout decides). */
  waitForMails(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

export async function startTestSmtp(
  options: { port?: number; refuse?: number } = {},
): Promise<TestSmtp> {
  let toRefuse = options.refuse ?? 0;
  const state = { refused: 0 };
  const inbox: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream, { keepCidLinks: true })
        .then((mail) => {
          if (toRefuse > 0) {
            toRefuse -= 1;
            state.refused += 1;
            const error = Object.assign(new Error("Mailbox busy, try again later"), {
              responseCode: 451,
            });
            callback(error);
            return;
          }
          inbox.push(mail);
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    inbox,
    get refused() {
      return state.refused;
    },
    refuseNext(n) {
      toRefuse = n;
    },
    async waitForMails(n, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (inbox.length < n) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${n} mails, the inbox has ${inbox.length}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return inbox;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
