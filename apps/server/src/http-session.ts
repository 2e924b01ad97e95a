// How a request proves who it is, and the CSRF rule for browsers. Browsers carry the session
// token in an HttpOnly cookie; scripts send "Authorization: Bearer <token>".
import { type FastifyReply, type FastifyRequest } from "fastify";

export const COOKIE = "marquee_session";
/** Over https the cookie is Secure and __Host- prefixed (no Domain, Path=/, host-only). */
export const SECURE_COOKIE = "__Host-marquee_session";

export type Credentials =
  { kind: "bearer"; token: string } | { kind: "cookie"; token: string } | { kind: "none" };

export function isHttps(req: FastifyRequest): boolean {
  return req.protocol === "https";
}

export function readCredentials(req: FastifyRequest): Credentials {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    return match?.[1] ? { kind: "bearer", token: match[1] } : { kind: "none" };
  }
  const token = isHttps(req) ? req.cookies[SECURE_COOKIE] : req.cookies[COOKIE];
  return token ? { kind: "cookie", token } : { kind: "none" };
}

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  const secure = isHttps(req);
  reply.setCookie(secure ? SECURE_COOKIE : COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  const secure = isHttps(req);
  reply.clearCookie(secure ? SECURE_COOKIE : COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
  });
}

/**
 * A state-changing request that a browser could send with the user's cookie must come from
 * our own pages: a matching Origin, or Sec-Fetch-Site: same-origin. Requests with a bearer
 * token carry no ambient authority and are exempt; a request with neither cookie nor bearer
 * must still not come from a foreign Origin (no login CSRF).
 */
export function passesCsrfCheck(
  req: FastifyRequest,
  credentials: Credentials,
  publicOrigin: string | null,
): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return true;
  if (credentials.kind === "bearer") return true;
  const origin = req.headers.origin;
  const fetchSite = req.headers["sec-fetch-site"];
  const expected = publicOrigin ?? `${req.protocol}://${req.headers.host ?? ""}`;
  if (fetchSite === "same-origin") return origin === undefined || origin === expected;
  if (origin !== undefined) return origin === expected;
  // No Origin and no Sec-Fetch-Site: not a modern browser. Without a cookie there is no
  // ambient authority to abuse; with one, refuse.
  return credentials.kind === "none";
}
