// The built web app over HTTP: precompressed files (brotli, gzip) chosen by Accept-Encoding,
// a year of immutable caching for fingerprinted assets, revalidation for everything else
// (index.html names the current assets), no source maps, and the SPA fallback.
import { existsSync } from "node:fs";
import { join, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import { type FastifyInstance } from "fastify";

/** Vite writes content-hashed file names under assets/: a new build means a new URL. */
export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

function cacheControlFor(filePath: string): string {
  return filePath.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE;
}

/** Whether `dir` holds a built web app. */
export function hasWebApp(dir: string | null): dir is string {
  return dir !== null && existsSync(join(dir, "index.html"));
}

export async function serveWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: ["index.html"],
    // The build writes .br and .gz beside each text file (see apps/web/vite.config.ts).
    preCompressed: true,
    cacheControl: false,
    // Source maps stay private even if a build leaves some behind.
    allowedPath: (pathName) => !pathName.endsWith(".map"),
    setHeaders: (reply, filePath) => {
      reply.header("cache-control", cacheControlFor(filePath));
    },
  });
  // SPA fallback: unknown GETs that want HTML get the app; API-ish paths get a JSON 404.
  app.setNotFoundHandler((req, reply) => {
    const wantsHtml = (req.headers.accept ?? "").includes("text/html");
    const isMap = req.url.split("?")[0]?.endsWith(".map") ?? false;
    if (req.method === "GET" && wantsHtml && !isMap && !req.url.startsWith("/trpc")) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.code(404).send({ error: "Not Found", path: req.url });
  });
}
