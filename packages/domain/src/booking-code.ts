// Booking codes people read aloud at the box office: 8 characters from an alphabet without
// look-alikes (no 0/O, 1/I/L, U), shown as XXXX-XXXX. 31^8 ≈ 8.5e11 possibilities.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const BOOKING_CODE_PATTERN = /^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

export function generateBookingCode(randomBytes: (n: number) => Uint8Array): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < 8) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && out.length < 8) out.push(ALPHABET.charAt(byte % ALPHABET.length));
    }
  }
  return `${out.slice(0, 4).join("")}-${out.slice(4).join("")}`;
}

/** Accepts what people type: lower case, spaces, missing dash. */
export function normalizeBookingCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  return compact.length === 8 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}
