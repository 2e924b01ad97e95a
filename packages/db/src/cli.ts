// pnpm db:migrate | db:migration:new <name> | db:seed
import { ConfigError, loadConfig, seedOptionsFrom } from "./config";
import { createDb } from "./create-db";
import { createMigration, migrate } from "./migrate";
import { seed } from "./seed";

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === "migration:new") {
    const name = args.join(" ");
    if (!name.trim()) throw new Error("usage: pnpm db:migration:new <name>");
    const folder = await createMigration(name);
    console.log(
      folder ? `wrote ${folder}` : "schema.prisma and the migrations agree: nothing to write",
    );
    return;
  }
  // The whole configuration, not only the database's part: a bad value stops here, as it
  // would stop the server, rather than being noticed only when the server starts later.
  const config = loadConfig();
  const db = await createDb(config.DATABASE_URL);
  try {
    const applied = await migrate(db);
    console.log(
      applied.length
        ? `applied ${applied.join(", ")} to ${db.location}`
        : `${db.location} is up to date`,
    );
    if (command === "seed") {
      const result = await seed(db.prisma, seedOptionsFrom(config, db.provider));
      if (result.admin.generatedPassword) {
        console.log(`admin account: ${result.admin.email} / ${result.admin.generatedPassword}`);
      }
      console.log(result.demo ? `demo data: ${JSON.stringify(result.demo)}` : "demo data: skipped");
    } else if (command !== "migrate") {
      throw new Error(`unknown command ${command ?? "(none)"}: use migrate, migration:new or seed`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`,
  );
  process.exit(1);
});
