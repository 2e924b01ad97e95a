// Throw-away PostgreSQL databases next to a given one (tests and benchmarks).
import { randomBytes } from "node:crypto";
import pg from "pg";

function adminUrl(base: string | undefined): string {
  const url = base ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

/** Creates an empty PostgreSQL database next to TEST_DATABASE_URL's; returns its URL. */
export async function createScratchPostgres(
  prefix = "marquee_test",
  baseUrl?: string,
): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const base = adminUrl(baseUrl);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
