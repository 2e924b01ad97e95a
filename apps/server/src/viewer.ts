// Who is asking: the request's session (cookie or bearer token), validated through the API's
// session rules, with the cookie renewed or cleared as they decide. tRPC's context and the
// seat-map fast path both ask here, so both see the same viewer.
import {
  fromDatabaseFailure,
  toTRPCError,
  validateSessionToken,
  type SessionCache,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { type FastifyReply, type FastifyRequest } from "fastify";
import { clearSessionCookie, readCredentials, setSessionCookie } from "./http-session";

export type Viewer = Awaited<ReturnType<typeof validateSessionToken>>;

/** The viewer, and how to keep their cookie on an answer (renewed or cleared, as decided). */
export async function readViewer(
  req: FastifyRequest,
  deps: { db: PrismaClient; now: () => Date; sessions?: SessionCache | undefined },
): Promise<{ viewer: Viewer; keepCookie: (res: FastifyReply) => void }> {
  const credentials = readCredentials(req);
  if (credentials.kind === "none") {
    return { viewer: { user: null, session: null }, keepCookie: () => undefined };
  }
  let viewer: Viewer;
  try {
    viewer = await validateSessionToken(deps.db, credentials.token, deps.now(), deps.sessions);
  } catch (error) {
    // Runs before any procedure (and its error mapping): a lost or saturated database
    // here is a 503 with Retry-After too, not a 500.
    const failure = fromDatabaseFailure(error);
    throw failure ? toTRPCError(failure) : error;
  }
  const { session } = viewer;
  const keepCookie = (res: FastifyReply) => {
    if (credentials.kind !== "cookie") return;
    if (!session) clearSessionCookie(req, res);
    else if (session.renewed) setSessionCookie(req, res, credentials.token, session.expiresAt);
  };
  return { viewer, keepCookie };
}

export async function resolveViewer(
  req: FastifyRequest,
  res: FastifyReply,
  deps: { db: PrismaClient; now: () => Date; sessions?: SessionCache | undefined },
): Promise<Viewer> {
  const { viewer, keepCookie } = await readViewer(req, deps);
  keepCookie(res);
  return viewer;
}
