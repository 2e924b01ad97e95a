// pnpm db:migrate | db:migration:new <name> | db:seed | admin:reset-password <email>
import { ConfigError, loadConfig, seedOptionsFrom } from "./config";
import { createDb } from "./create-db";
import { createMigration } from "./migrate";
import { generatePassword, resetAccountPassword } from "./reset-password";
import { prepareDatabase } from "./startup";

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
  if (command === "reset-password") {
    await resetPasswordCommand(config.DATABASE_URL, args);
    return;
  }
  if (command !== "migrate" && command !== "seed") {
    throw new Error(
      `unknown command ${command ?? "(none)"}: use migrate, migration:new, seed or reset-password`,
    );
  }
  const db = await createDb(config.DATABASE_URL);
  try {
    // The same locked path as the server's start, so the CLI and servers never race.
    const { applied, seeded } = await prepareDatabase({
      db,
      url: config.DATABASE_URL,
      seed: command === "seed" ? seedOptionsFrom(config, db.provider) : null,
      onWaiting: () => console.log("waiting for another process to finish migrating and seeding"),
    });
    console.log(
      applied.length
        ? `applied ${applied.join(", ")} to ${db.location}`
        : `${db.location} is up to date`,
    );
    if (seeded) {
      if (seeded.admin.passwordIgnored) {
        console.log(
          `ADMIN_PASSWORD was NOT applied: ${seeded.admin.email} already exists with another password` +
            " (use pnpm admin:reset-password)",
        );
      }
      if (seeded.admin.generatedPassword) {
        console.log(`admin account: ${seeded.admin.email} / ${seeded.admin.generatedPassword}`);
      }
      console.log(seeded.demo ? `demo data: ${JSON.stringify(seeded.demo)}` : "demo data: skipped");
    }
  } finally {
    await db.close();
  }
}

async function resetPasswordCommand(url: string, args: string[]): Promise<void> {
  const [email, ...extra] = args;
  if (!email || extra.length > 0) {
    throw new Error("usage: pnpm admin:reset-password <email>   (NEW_PASSWORD=… to choose it)");
  }
  // A one-off input of this command, not a setting: read here rather than in config.ts.
  const chosen = process.env.NEW_PASSWORD;
  const password = chosen || generatePassword();
  const db = await createDb(url);
  try {
    // Migrated first, so the command works on a database no server has started yet.
    await prepareDatabase({ db, url, seed: null, onWaiting: () => {} });
    const result = await resetAccountPassword(db.prisma, { email, password });
    console.log(
      chosen
        ? `password of ${result.email} set from NEW_PASSWORD`
        : `new password of ${result.email}: ${password}`,
    );
    console.log(`${result.endedSessions} session(s) ended`);
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
