import { configDefaults, type PrismaClient } from "@marquee/db";
import { apiConfigFrom } from "./config";
import { type SessionCache, uncachedSessions } from "./services/auth/session-cache";
import { type SeatMapCache, uncachedSeatMaps } from "./services/booking/seat-map-cache";
import { type SeatMapFeed } from "./services/booking/seat-map-feed";

import { type Role } from "@marquee/domain";

export type { Role };

/** What procedures may know about the signed-in user (never the password hash). */
export type SessionUser = { id: string; email: string; name: string; role: Role };
export type SessionInfo = { id: string; expiresAt: Date };

export type ApiConfig = {
  timeZone: string;
  currency: string;
  holdMinutes: number;
  /** Break after each showtime before the hall can host the next one. */
  cleaningMinutes: number;
  /** Most seats one reservation may hold. */
  maxSeatsPerBooking: number;
  /** Most seats one account may hold and buy for one showtime, all reservations together. */
  maxSeatsPerShowtime: number;
  /** Sales close this many minutes before a showtime starts (0: at the start). */
  salesCutoffMinutes: number;
  /** Failed sign-ins allowed per account and per client address in 15 minutes. */
  maxFailedLogins: number;
  /** Registrations allowed per client address in an hour. */
  maxRegistrations: number;
  /** The door admits a booking from this many minutes before its start until its end. */
  checkInOpensMinutes: number;
};

/** Hooks the host provides so procedures can set or clear the browser's session cookie. */
export type SessionTransport = {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
};

export type Context = {
  db: PrismaClient;
  config: ApiConfig;
  user: SessionUser | null;
  session: SessionInfo | null;
  now: () => Date;
  requestId: string;
  clientIp: string;
  transport: SessionTransport;
  /** The process's seat-map cache (the host shares one; tests default to none). */
  seatMaps: SeatMapCache;
  /** The process's session cache: revocations here take effect here at once. */
  sessions: SessionCache;
  /** The process's live seat-map feed (showtime.seatMapChanges); none: the stream is refused. */
  seatMapFeed: SeatMapFeed | null;
  /**
   * The origin browsers use, for links in mails: PUBLIC_ORIGIN, else the request's Host
   * (which a client can forge: set PUBLIC_ORIGIN in production).
   */
  origin: string;
};

/** The configuration's defaults, as procedures see them. */
export const defaultApiConfig: ApiConfig = apiConfigFrom(configDefaults);

const noTransport: SessionTransport = { setSession: () => {}, clearSession: () => {} };

/** Builds a context without HTTP: for tests, scripts and the host's adapter. */
export function createContextInner(
  input: Pick<Context, "db"> &
    Partial<Omit<Context, "db" | "config">> & {
      config?: Partial<ApiConfig>;
    },
): Context {
  return {
    db: input.db,
    config: { ...defaultApiConfig, ...input.config },
    user: input.user ?? null,
    session: input.session ?? null,
    now: input.now ?? (() => new Date()),
    requestId: input.requestId ?? "internal",
    clientIp: input.clientIp ?? "127.0.0.1",
    transport: input.transport ?? noTransport,
    seatMaps: input.seatMaps ?? uncachedSeatMaps,
    sessions: input.sessions ?? uncachedSessions,
    seatMapFeed: input.seatMapFeed ?? null,
    origin: input.origin ?? "http://localhost:3000",
  };
}
