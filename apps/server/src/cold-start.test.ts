// Several server processes starting at the same moment on one empty PostgreSQL database, as
// an orchestrator starts replicas: both must come up, and the seed must happen exactly once.
import { type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createDb, DEMO_HALLS, DEMO_MOVIES } from "@marquee/db";
import { createScratchPostgres } from "@marquee/db/testing";
import { startChildServer } from "./test/start-server";

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("two processes cold-starting on PostgreSQL", () => {
  it.each<{ seeds: string; env: Record<string, string>; admin: string; demo: boolean }>([
    {
      seeds: "the admin and the demo data",
      env: { SEED_DEMO: "true" },
      admin: "admin@marquee.local",
      demo: true,
    },
    {
      seeds: "only the admin",
      env: {
        SEED_DEMO: "false",
        ADMIN_EMAIL: "boss@example.com",
        ADMIN_PASSWORD: "cold-start-password",
      },
      admin: "boss@example.com",
      demo: false,
    },
  ])(
    "both become healthy and $seeds exist once",
    async ({ env, admin, demo }) => {
      const scratch = await createScratchPostgres();
      const children: ChildProcess[] = [];
      try {
        const started = await Promise.allSettled([
          startChildServer(scratch.url, env),
          startChildServer(scratch.url, env),
        ]);
        for (const s of started) if (s.status === "fulfilled") children.push(s.value.process);
        expect(started.map((s) => (s.status === "fulfilled" ? "up" : String(s.reason)))).toEqual([
          "up",
          "up",
        ]);
        for (const s of started) {
          if (s.status !== "fulfilled") continue;
          expect((await fetch(`${s.value.url}/readyz`)).status).toBe(200);
        }

        const db = await createDb(scratch.url, { poolSize: 1 });
        try {
          const admins = await db.prisma.user.findMany({
            where: { role: "ADMIN" },
            select: { email: true },
          });
          expect(admins).toEqual([{ email: admin }]);
          const halls = await db.prisma.hall.findMany({
            select: { name: true },
            orderBy: { name: "asc" },
          });
          expect(halls.map((h) => h.name)).toEqual(
            demo ? DEMO_HALLS.map((h) => h.name).sort() : [],
          );
          expect(await db.prisma.movie.count()).toBe(demo ? DEMO_MOVIES.length : 0);
        } finally {
          await db.close();
        }
      } finally {
        await Promise.all(children.map(stop));
        await scratch.drop();
      }
    },
    180_000,
  );
});
