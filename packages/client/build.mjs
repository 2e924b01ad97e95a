// Builds the publishable package: dist/index.js (ESM; the batching rules of @marquee/domain
// inlined, @trpc/* and eventsource left as dependencies) and dist/index.d.ts (one declaration file; the API's
// types come from src/generated/router.ts, written by `pnpm generate`, which names nothing
// of the server).
import { rmSync } from "node:fs";
import { build } from "esbuild";
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

const external = (id) => id.startsWith("@trpc/") || id === "eventsource";

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.js",
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["@trpc/*", "eventsource"],
  logLevel: "warning",
});
const bundle = await rollup({
  input: "src/index.ts",
  external,
  plugins: [dts({ respectExternal: true, tsconfig: "tsconfig.json" })],
});
await bundle.write({ file: "dist/index.d.ts", format: "es" });
await bundle.close();
