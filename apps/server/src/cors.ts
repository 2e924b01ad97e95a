// CORS for the origins in CORS_ORIGINS only (none by default), and never with credentials:
// a page on another origin may call the API with a bearer token, but its cookies are neither
// invited (no Access-Control-Allow-Credentials) nor accepted (REST reads bearer tokens only,
// and /trpc refuses cross-site cookie mutations).
import cors from "@fastify/cors";
import { type FastifyInstance } from "fastify";

export async function useCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: [...origins],
    credentials: false,
    methods: ["GET", "POST"],
    allowedHeaders: ["authorization", "content-type", "x-request-id"],
    exposedHeaders: ["x-request-id", "retry-after"],
    maxAge: 600,
  });
}
