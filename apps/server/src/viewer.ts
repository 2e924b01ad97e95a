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

export async function resolveViewer(
  req: FastifyRequest,
  res: FastifyReply,
  deps: { db: PrismaClient; now: () => Date; sessions?: SessionCache | undefined },
): Promise<Viewer> {
  const credentials = readCredentials(req);
  if (credentials.kind === "none") return { user: null, session: null };
  let auth: Viewer;
  try {
    auth = await validateSessionToken(deps.db, credentials.token, deps.now(), deps.sessions);
  } catch (error) {
    // Runs before any procedure (and its error mapping): a lost or saturated database
    // here is a 503 with Retry-After too, not a 500.
    const failure = fromDatabaseFailure(error);
    throw failure ? toTRPCError(failure) : error;
  }
  if (credentials.kind === "cookie") {
    if (!auth.session) clearSessionCookie(req, res);
    else if (auth.session.renewed) {
      setSessionCookie(req, res, credentials.token, auth.session.expiresAt);
    }
  }
  return auth;
}
