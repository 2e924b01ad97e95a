// Sending over SMTP with nodemailer: smtp:// (STARTTLS when the server offers it) or
// smtps:// (implicit TLS), credentials in the URL.
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { type MailAttachment } from "./layout";

export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
};

export type MailTransport = {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

/** Short timeouts: a stuck server fails the attempt (retried later) instead of the worker. */
const TIMEOUT_MS = 30_000;

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  } as SMTPTransport.Options);
  return {
    async send(mail) {
      await transporter.sendMail({
        ...mail,
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
          ...(a.cid ? { cid: a.cid, contentDisposition: "inline" as const } : {}),
        })),
      });
    },
    close: () => transporter.close(),
  };
}
