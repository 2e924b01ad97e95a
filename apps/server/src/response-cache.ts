// A micro-cache of whole HTTP answers for hot public queries asked anonymously (the seat map
// every viewer polls). A hit skips tRPC and JSON serialisation entirely. Entries live at
// most `ttlMs` and are dropped whenever the database announces a change (the same NOTIFY
// that invalidates the API's seat-map cache), so every process still answers as one.
import { type FastifyInstance, type FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";

type Entry = { at: number; body: string; headers: Record<string, string> };

export type ResponseCache = {
  paths: string[];
  ttlMs: number;
  entries: LRUCache<string, Entry>;
  clear(): void;
};

/** At most `maxEntries` answers (least recently used out first): one per hot URL. */
export function createResponseCache(options: {
  paths: string[];
  ttlMs: number;
  maxEntries?: number;
}): ResponseCache {
  const entries = new LRUCache<string, Entry>({ max: options.maxEntries ?? 1_000 });
  return { ...options, entries, clear: () => entries.clear() };
}

/** Serves and fills the cache. Register after helmet, cookies, the ETag plugin. */
export function useResponseCache(
  app: FastifyInstance,
  cache: ResponseCache,
  isAnonymous: (req: FastifyRequest) => boolean,
): void {
  const prefixes = cache.paths.map((p) => `/trpc/${p}?`);
  const cacheable = (req: FastifyRequest) =>
    req.method === "GET" && prefixes.some((p) => req.url.startsWith(p)) && isAnonymous(req);

  app.addHook("onRequest", async (req, reply) => {
    if (!cacheable(req)) return;
    const hit = cache.entries.get(req.url);
    if (!hit || Date.now() - hit.at >= cache.ttlMs) return;
    // The ETag plugin answers 304 itself when If-None-Match matches the stored tag.
    return reply.code(200).headers(hit.headers).send(hit.body);
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if (reply.statusCode !== 200 || typeof payload !== "string" || !cacheable(req)) return payload;
    if (
      cache.entries.has(req.url) &&
      Date.now() - (cache.entries.get(req.url)?.at ?? 0) < cache.ttlMs
    ) {
      return payload; // a hit being sent
    }
    const etag = reply.getHeader("etag");
    cache.entries.set(req.url, {
      at: Date.now(),
      body: payload,
      headers: {
        "content-type": String(reply.getHeader("content-type") ?? "application/json"),
        "cache-control": String(reply.getHeader("cache-control") ?? "private, no-cache"),
        ...(typeof etag === "string" ? { etag } : {}),
      },
    });
    return payload;
  });
}
