// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- a global declaration for packages that type-check this file
/// <reference path="./webassembly.d.ts" />
// Prisma's WASM schema engine, loaded by hand: the package targets bundlers, and the Prisma
// CLI would try to download a native engine instead (impossible offline). See
// shared/notes/toolchain.md and docs/architecture.md.
import { readFileSync } from "node:fs";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type SchemaEngine = bg.SchemaEngine;

let loaded = false;

function loadWasm(): void {
  if (loaded) return;
  const wasmUrl = new URL(
    "schema_engine_bg.wasm",
    import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"),
  );
  const mod = new WebAssembly.Module(readFileSync(wasmUrl));
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  const exported = bg as unknown as Record<string, WebAssembly.ImportValue>;
  for (const i of WebAssembly.Module.imports(mod)) {
    const value = exported[i.name];
    if (value === undefined) throw new Error(`schema engine import ${i.module}.${i.name} missing`);
    (imports[i.module] ??= {})[i.name] = value;
  }
  const instance = new WebAssembly.Instance(mod, imports);
  bg.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start === "function") (start as () => void)();
  loaded = true;
}

export const emptyFilters = { externalTables: [], externalEnums: [] };

/** Runs `fn` with a schema engine connected through `adapterFactory`, then frees it. */
export async function withSchemaEngine<T>(
  options: {
    adapterFactory: SqlMigrationAwareDriverAdapterFactory;
    schema: { path: string; content: string };
    /** Replaces the adapters' executeScript (used for migration scripts). */
    executeScript?: (sql: string) => Promise<void>;
  },
  fn: (engine: SchemaEngine, schema: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  loadWasm();
  // The engine does not dispose the connections it opens (freeing it leaves PostgreSQL
  // sessions, and with them its migration advisory lock, open until the pool times out),
  // so track them and dispose them ourselves.
  const opened: { dispose(): Promise<void> }[] = [];
  const factory = options.adapterFactory;
  const track = <A extends SqlDriverAdapter>(adapter: A): A => {
    opened.push(adapter);
    const run = options.executeScript;
    if (!run) return adapter;
    return new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === "executeScript") return run;
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? (value as () => unknown).bind(target) : value;
      },
    });
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[options.schema.path, options.schema.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await fn(engine, options.schema);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}
