// Production build: one ESM bundle runnable with plain `node dist/server/main.js`.
// Workspace packages (TypeScript source) are bundled; packages that load native or
// WASM files relative to themselves stay external and are direct dependencies here.
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { build } from "esbuild";

const external = [
  "@electric-sql/pglite",
  "@node-rs/argon2",
  "@prisma/schema-engine-wasm",
  "pg-native",
];

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });
await build({
  entryPoints: { "server/main": "src/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __marqueeRequire } from 'node:module'; const require = __marqueeRequire(import.meta.url);",
  },
  logLevel: "warning",
});
// The schema and migrations, where @marquee/db looks for them relative to the bundle.
cpSync("../../packages/db/prisma", "dist/prisma", { recursive: true });
if (existsSync("../web/dist/index.html")) cpSync("../web/dist", "dist/public", { recursive: true });
