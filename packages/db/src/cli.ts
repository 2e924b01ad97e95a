// pnpm db:migrate | db:migration:new <name> | db:seed
import { createDb } from "./create-db";
import { ConfigError, dbEnvSchema, parseEnv } from "./env";
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
  const env = parseEnv(dbEnvSchema);
  const db = await createDb(env.DATABASE_URL);
  try {
    const applied = await migrate(db);
    console.log(
      applied.length
        ? `applied ${applied.join(", ")} to ${db.location}`
        : `${db.location} is up to date`,
    );
    if (command === "seed") {
      const result = await seed(db.prisma, {
        adminEmail: env.ADMIN_EMAIL,
        adminPassword: env.ADMIN_PASSWORD,
        generateAdminPassword: db.provider === "pglite",
        demo: env.SEED_DEMO,
        timeZone: env.CINEMA_TIMEZONE,
        currency: env.CINEMA_CURRENCY,
      });
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
