// The seat map every viewer polls, answered from bytes the API keeps ready (one buffer per
// showtime and version, the viewer's own seats overlaid) instead of through tRPC's per-request
// pipeline and serialisation. Only a plain `GET /trpc/showtime.seatMap?input=…` for a showtime
// that exists is answered here, with exactly the bytes tRPC would send; anything else
// (batches, bad input, unknown ids, a failing database) goes on to tRPC for its usual answer.
import {
  createContextInner,
  seatMapBytes,
  ZSeatMapInput,
  type ApiConfig,
  type SeatMapCache,
  type SessionCache,
} from "@marquee/api";
import { type PrismaClient } from "@marquee/db";
import { type FastifyInstance } from "fastify";
import { resolveViewer } from "./viewer";

const PATH = "/trpc/showtime.seatMap";

/** The showtime a plain seat-map GET asks for, or null when tRPC should read it. */
export function seatMapRequestOf(url: string): string | null {
  const q = url.indexOf("?");
  if (q < 0 || url.slice(0, q) !== PATH) return null;
  const params = new URLSearchParams(url.slice(q + 1));
  const raw = params.get("input");
  if (raw === null || [...params.keys()].length !== 1) return null;
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = ZSeatMapInput.safeParse(input);
  return parsed.success ? parsed.data.showtimeId : null;
}

export function useSeatMapBytes(
  app: FastifyInstance,
  options: {
    db: PrismaClient;
    api: ApiConfig;
    now: () => Date;
    seatMaps?: SeatMapCache | undefined;
    sessions?: SessionCache | undefined;
  },
): void {
  const deps = createContextInner({
    db: options.db,
    config: options.api,
    now: options.now,
    ...(options.seatMaps ? { seatMaps: options.seatMaps } : {}),
  });
  app.addHook("preHandler", async (req, reply) => {
    if (req.method !== "GET" || !req.url.startsWith(PATH)) return;
    const showtimeId = seatMapRequestOf(req.url);
    if (showtimeId === null) return;
    let answer;
    try {
      const forViewer = await seatMapBytes(deps, { showtimeId });
      if (!forViewer) return; // no such showtime: tRPC's NOT_FOUND
      const { user } = await resolveViewer(req, reply, options);
      answer = forViewer(user?.id);
    } catch {
      return; // tRPC meets the same failure and answers it in its own shape
    }
    // The headers tRPC's answer carries; the ETag plugin answers If-None-Match with a 304.
    return reply
      .code(200)
      .header("content-type", "application/json")
      .header("cache-control", "private, no-cache")
      .header("etag", answer.etag)
      .send(answer.body);
  });
}
