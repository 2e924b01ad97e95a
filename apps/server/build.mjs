// Production build: one ESM bundle runnable with plain `node dist/server/main.js`.
// Workspace packages (TypeScript source) are bundled; packages that load native or
// WASM files relative to themselves stay external and are direct dependencies here.
// `node build.mjs --outdir <dir>` builds elsewhere (the build test does).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { tsImport } from "tsx/esm/api";

const { values } = parseArgs({ options: { outdir: { type: "string", default: "dist" } } });
const outdir = values.outdir;

const external = [
  "@electric-sql/pglite",
  "@node-rs/argon2",
  "@prisma/schema-engine-wasm",
  "pg-native",
];

// The migrations go inside the bundle (see packages/db/src/migration-source.ts), read by the
// same function that reads them from source. Nothing is copied beside it: a folder beside
// the bundle can go stale (turbo restores a cached dist/ without deleting extra files, and a
// deleted migration was once applied that way); a constant inside main.js cannot.
const { readMigrationSource } = await tsImport("@marquee/db/migration-source", import.meta.url);
const source = readMigrationSource();
const embedded = {
  ...source,
  // Names for the engine's messages, without the build machine's paths.
  schema: { path: "schema.prisma", content: source.schema.content },
  migrationsDir: "migrations",
};

// An empty output folder: nothing from an earlier build survives a rebuild.
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: { "server/main": "src/main.ts" },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  define: { __MARQUEE_MIGRATIONS__: JSON.stringify(embedded) },
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __marqueeRequire } from 'node:module'; const require = __marqueeRequire(import.meta.url);",
  },
  logLevel: "warning",
});
if (existsSync("../web/dist/index.html")) {
  cpSync("../web/dist", `${outdir}/public`, { recursive: true });
}
