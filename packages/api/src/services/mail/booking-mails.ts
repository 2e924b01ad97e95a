// The booking mails: confirmed (code, film, local time, hall, seats, total, QR code inline,
// .ics attached), cancelled, showtime cancelled (with the admin's reason) and showtime moved
// (old and new times). Rendered when sent, from the booking as it is then.
import QRCode from "qrcode";
import { type ReservationView } from "../booking/views";
import { bookingEvent } from "./ics";
import {
  factsHtml,
  factsText,
  formatLocal,
  formatMoney,
  frame,
  paragraph,
  escapeHtml,
  type Fact,
  type RenderedMail,
} from "./layout";

type Options = { timeZone: string; origin: string | null; now: Date };

const myBookings = (origin: string | null) => (origin ? `\nMy bookings: ${origin}/bookings\n` : "");

function bookingFacts(b: ReservationView, timeZone: string): Fact[] {
  return [
    ["Booking code", b.code],
    ["Film", b.showtime.movie.title],
    ["When", formatLocal(new Date(b.showtime.startsAt), timeZone)],
    ["Hall", b.showtime.hall.name],
    ["Seats", b.seats.map((s) => s.label).join(", ")],
    ["Total", formatMoney(b.total, b.currency)],
  ];
}

const greeting = (b: ReservationView) => `Hello ${b.user?.name ?? "there"},`;

export async function bookingConfirmedMail(
  b: ReservationView,
  options: Options,
): Promise<RenderedMail> {
  const facts = bookingFacts(b, options.timeZone);
  const qr = await QRCode.toBuffer(b.code, { margin: 1, width: 240, errorCorrectionLevel: "M" });
  const film = b.showtime.movie.title;
  const when = formatLocal(new Date(b.showtime.startsAt), options.timeZone);
  const ics = bookingEvent({
    uid: `${b.id}@marquee`,
    title: film,
    description: `Booking ${b.code}, seats ${b.seats.map((s) => s.label).join(", ")}`,
    location: b.showtime.hall.name,
    startsAt: new Date(b.showtime.startsAt),
    endsAt: new Date(b.showtime.endsAt),
    now: options.now,
  });
  const lead = "Your booking is confirmed. Show this code (or its QR code) at the door.";
  return {
    subject: `Your tickets for ${film}, ${when} (${b.code})`,
    text: `${greeting(b)}\n\n${lead}\n\n${factsText(facts)}\n${myBookings(options.origin)}`,
    html: frame(
      "Your booking is confirmed",
      `${paragraph(greeting(b))}${paragraph(lead)}` +
        `<p style="font-size:28px;font-weight:bold;letter-spacing:2px">${escapeHtml(b.code)}</p>` +
        `<p><img src="cid:qr-${escapeHtml(b.code)}" width="240" height="240" alt="QR code of booking ${escapeHtml(b.code)}"></p>` +
        factsHtml(facts),
    ),
    attachments: [
      { filename: "ticket-qr.png", content: qr, contentType: "image/png", cid: `qr-${b.code}` },
      { filename: "marquee.ics", content: ics, contentType: "text/calendar; charset=utf-8" },
    ],
  };
}

export function bookingCancelledMail(
  b: ReservationView,
  reason: string | null,
  options: Options,
): RenderedMail {
  const facts = bookingFacts(b, options.timeZone);
  const lead = reason
    ? `Your booking ${b.code} was cancelled by the cinema. Reason: ${reason}`
    : `Your booking ${b.code} was cancelled.`;
  return {
    subject: `Booking ${b.code} cancelled: ${b.showtime.movie.title}`,
    text: `${greeting(b)}\n\n${lead}\n\n${factsText(facts)}\n`,
    html: frame("Booking cancelled", paragraph(greeting(b)) + paragraph(lead) + factsHtml(facts)),
    attachments: [],
  };
}

export function showtimeCancelledMail(
  b: ReservationView,
  reason: string | null,
  options: Options,
): RenderedMail {
  const when = formatLocal(new Date(b.showtime.startsAt), options.timeZone);
  const lead =
    `The showing of ${b.showtime.movie.title} on ${when} has been cancelled, ` +
    `and with it your booking ${b.code}.`;
  const why = `Reason: ${reason ?? "not given"}`;
  const facts = bookingFacts(b, options.timeZone);
  return {
    subject: `Cancelled: ${b.showtime.movie.title}, ${when}`,
    text: `${greeting(b)}\n\n${lead}\n${why}\n\n${factsText(facts)}\n`,
    html: frame(
      "Showing cancelled",
      paragraph(greeting(b)) + paragraph(lead) + paragraph(why) + factsHtml(facts),
    ),
    attachments: [],
  };
}

export function showtimeMovedMail(
  b: ReservationView,
  times: { oldStartsAt: Date; newStartsAt: Date },
  options: Options,
): RenderedMail {
  const before = formatLocal(times.oldStartsAt, options.timeZone);
  const after = formatLocal(times.newStartsAt, options.timeZone);
  const lead =
    `The showing of ${b.showtime.movie.title} you booked (${b.code}) has moved ` +
    `from ${before} to ${after}. Your seats are kept.`;
  const facts: Fact[] = [
    ["Was", before],
    ["Now", after],
    ...bookingFacts(b, options.timeZone).filter(([k]) => k !== "When"),
  ];
  return {
    subject: `New time for ${b.showtime.movie.title}: ${after}`,
    text: `${greeting(b)}\n\n${lead}\n\n${factsText(facts)}\n${myBookings(options.origin)}`,
    html: frame("Showing moved", paragraph(greeting(b)) + paragraph(lead) + factsHtml(facts)),
    attachments: [],
  };
}
