// The parts every mail shares: escaping, the HTML frame, money and time in the cinema's terms.
import { localDateOf, localTimeOf } from "@marquee/domain";

export type MailAttachment = {
  filename: string;
  content: Buffer | string;
  contentType: string;
  /** Set for inline images: referenced from the HTML as cid:<cid>. */
  cid?: string;
};

/** A mail ready for the transport: always a plain-text and an HTML part. */
export type RenderedMail = {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
};

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Minor units as the currency is written, e.g. 2400 EUR -> "€24.00". */
export function formatMoney(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** "Tue 10 Mar 2031, 19:00" in the cinema's time zone. */
export function formatLocal(instant: Date, timeZone: string): string {
  const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone }).format(instant);
  const [y, m, d] = localDateOf(instant, timeZone).split("-");
  const month = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, 1)),
  );
  return `${weekday} ${Number(d)} ${month} ${y}, ${localTimeOf(instant, timeZone)}`;
}

/** Facts as "label: value" lines (text) and a table (HTML). */
export type Fact = [label: string, value: string];

export const factsText = (facts: Fact[]) => facts.map(([k, v]) => `${k}: ${v}`).join("\n");

export const factsHtml = (facts: Fact[]) =>
  `<table style="border-collapse:collapse">${facts
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0">${escapeHtml(k)}</th>` +
        `<td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join("")}</table>`;

/** Wraps a mail's body (already escaped HTML) in the common frame. */
export function frame(title: string, body: string): string {
  return (
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#111;max-width:560px">` +
    `<h1 style="font-size:20px">${escapeHtml(title)}</h1>${body}` +
    `<p style="color:#666;font-size:12px">Marquee</p></body></html>`
  );
}

export const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
