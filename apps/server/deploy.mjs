// `pnpm build:deploy`: a self-contained folder an operator copies anywhere and starts with
// `node main.js` (or `node deploy/main.js` from its parent): the server bundle, the web app,
// the migrations (for reference: the bundle carries its own copy and applies that one) and
// production-only node_modules holding just the packages the bundle keeps external (native
// or WASM files loaded relative to themselves). No install step, no postinstall, no dev tools.
// `node deploy.mjs [--from dist] [--web ../web/dist] [--outdir ../../deploy]`.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "dist" },
    web: { type: "string", default: "../web/dist" },
    outdir: { type: "string", default: "../../deploy" },
  },
});
const from = resolve(values.from);
const web = resolve(values.web);
const outdir = resolve(values.outdir);

/** What build.mjs leaves external, minus optional native add-ons nobody installed. */
const RUNTIME_PACKAGES = ["@electric-sql/pglite", "@node-rs/argon2", "@prisma/schema-engine-wasm"];

function fail(message) {
  console.error(`build:deploy: ${message}`);
  process.exit(1);
}

if (!existsSync(join(from, "server", "main.js")))
  fail(`no server bundle in ${from}: run pnpm build`);
if (!existsSync(join(web, "index.html"))) fail(`no web app in ${web}: run pnpm build`);

/** A package's folder as installed for `parent` (pnpm links each dependency beside it). */
function packageDir(name, parent) {
  for (let dir = parent; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

const copied = new Map();
function copyPackage(name, parent, optional) {
  if (copied.has(name)) return;
  const dir = packageDir(name, parent);
  if (!dir) {
    if (optional) return; // another platform's build of a native add-on
    fail(`cannot find ${name} (needed by ${parent})`);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  copied.set(name, manifest.version);
  cpSync(dir, join(outdir, "node_modules", name), {
    recursive: true,
    dereference: true,
    filter: (src) => !src.slice(dir.length).split("/").includes("node_modules"),
  });
  for (const dep of Object.keys(manifest.dependencies ?? {})) copyPackage(dep, dir, false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) copyPackage(dep, dir, true);
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
cpSync(join(from, "server", "main.js"), join(outdir, "main.js"));
if (existsSync(join(from, "server", "main.js.map"))) {
  cpSync(join(from, "server", "main.js.map"), join(outdir, "main.js.map"));
}
cpSync(web, join(outdir, "public"), { recursive: true });
cpSync(
  join(import.meta.dirname, "..", "..", "packages", "db", "prisma", "migrations"),
  join(outdir, "migrations"),
  {
    recursive: true,
  },
);
for (const name of RUNTIME_PACKAGES) copyPackage(name, import.meta.dirname, false);

const server = JSON.parse(readFileSync(join(import.meta.dirname, "package.json"), "utf8"));
writeFileSync(
  join(outdir, "package.json"),
  `${JSON.stringify(
    {
      name: "marquee-server",
      private: true,
      version: server.version,
      type: "module",
      engines: { node: ">=20.19" },
      scripts: { start: "node main.js" },
      // What node_modules holds, for inventories; nothing needs installing.
      dependencies: Object.fromEntries([...copied].sort()),
    },
    null,
    2,
  )}\n`,
);
console.log(`build:deploy: wrote ${outdir} (run: node ${join(outdir, "main.js")})`);
