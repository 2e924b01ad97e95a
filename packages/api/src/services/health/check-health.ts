import { type Context } from "../../context";

export type Health = { status: "ok"; database: "ok"; time: string };

/** Proves the API can reach its database. */
export async function checkHealth(deps: Pick<Context, "db" | "now">): Promise<Health> {
  await deps.db.$queryRaw`SELECT 1`;
  return { status: "ok", database: "ok", time: deps.now().toISOString() };
}
