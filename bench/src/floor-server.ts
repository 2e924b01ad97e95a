// The seat-map floor: a bare Fastify route answering the same JSON bytes from memory.
import { readFileSync } from "node:fs";
import Fastify from "fastify";

const body = readFileSync(process.env.FLOOR_BODY_FILE ?? "", "utf8");
const app = Fastify({ logger: false });
app.get("/trpc/showtime.seatMap", (_req, reply) => {
  void reply.type("application/json").send(body);
});
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(`listening ${address}`);
