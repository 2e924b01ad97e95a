// Node 20 has the WebAssembly global, but @types/node 20 does not declare it (it comes with
// lib.dom, which a server package must not pull in). Only what schema-engine.ts uses.
declare namespace WebAssembly {
  type ImportValue = unknown;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, unknown>;
  type ModuleImportDescriptor = { module: string; name: string; kind: string };
  class Module {
    constructor(bytes: Uint8Array);
    static imports(module: Module): ModuleImportDescriptor[];
  }
  class Instance {
    constructor(module: Module, imports?: Imports);
    readonly exports: Exports;
  }
}
