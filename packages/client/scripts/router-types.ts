// Writes src/generated/router.ts: AppRouter as the server builds it, with every procedure's
// input and output spelled out as plain types and the context erased. The published
// declaration then needs nothing of the server (no Prisma, no database, no services), only
// @trpc/server's router types. The TypeScript checker resolves the types; this prints them.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

const root = join(import.meta.dirname, "..");
const entry = join(root, "scripts", "router-entry.ts");
const out = join(root, "src", "generated", "router.ts");

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, "tsconfig.json"),
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) },
);
if (!config) throw new Error("cannot read tsconfig.json");
const program = ts.createProgram([entry], { ...config.options, noEmit: true });
const checker = program.getTypeChecker();
const loaded = program.getSourceFile(entry);
if (!loaded) throw new Error(`cannot load ${entry}`);
const source: ts.SourceFile = loaded;
const problems = ts.getPreEmitDiagnostics(program, source);
if (problems.length) {
  throw new Error(
    ts.formatDiagnostics(problems, {
      ...ts.sys,
      getCanonicalFileName: (f) => f,
      getNewLine: () => "\n",
    }),
  );
}

function exported(name: string): ts.Type {
  const symbol = checker.getSymbolAtLocation(source);
  const member = symbol && checker.getExportsOfModule(symbol).find((s) => s.name === name);
  if (!member) throw new Error(`router-entry.ts exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(member);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const propType = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);

/** The type of a property that must exist. */
function propertyType(type: ts.Type, name: string): ts.Type {
  const symbol = type.getProperty(name);
  if (!symbol) throw new Error(`${checker.typeToString(type)} has no ${name}`);
  return propType(symbol);
}

/** A type as self-contained TypeScript: only primitives, literals, Date and structure. */
function print(type: ts.Type, seen: ts.Type[] = []): string {
  const f = type.flags;
  if (f & ts.TypeFlags.Any) return "any";
  if (f & ts.TypeFlags.Unknown) return "unknown";
  if (f & ts.TypeFlags.Never) return "never";
  if (f & ts.TypeFlags.Void) return "void";
  if (f & ts.TypeFlags.Undefined) return "undefined";
  if (f & ts.TypeFlags.Null) return "null";
  if (
    f &
    (ts.TypeFlags.String | ts.TypeFlags.Number | ts.TypeFlags.Boolean | ts.TypeFlags.BigInt)
  ) {
    return checker.typeToString(type);
  }
  if (f & ts.TypeFlags.ESSymbolLike) return "symbol";
  if (type.isStringLiteral()) return JSON.stringify(type.value);
  if (type.isNumberLiteral()) return String(type.value);
  if (
    f &
    (ts.TypeFlags.BooleanLiteral | ts.TypeFlags.BigIntLiteral | ts.TypeFlags.TemplateLiteral)
  ) {
    return checker.typeToString(type);
  }
  if (seen.includes(type)) throw new Error(`recursive type ${checker.typeToString(type)}`);
  const next = [...seen, type];
  if (type.isUnion()) {
    const parts = type.types.map((t) => print(t, next));
    // `boolean` arrives as `false | true`.
    const bools = ["false", "true"].every((b) => parts.includes(b));
    const rest = bools ? parts.filter((p) => p !== "false" && p !== "true") : parts;
    return [...rest, ...(bools ? ["boolean"] : [])].map((p) => `(${p})`).join(" | ");
  }
  if (type.isIntersection()) return type.types.map((t) => `(${print(t, next)})`).join(" & ");
  if (f & ts.TypeFlags.Object) {
    if (type.symbol?.name === "Date") return "Date";
    if (checker.isArrayType(type)) {
      const [element] = checker.getTypeArguments(type as ts.TypeReference);
      if (!element) throw new Error(`an array without an element type`);
      return `(${print(element, next)})[]`;
    }
    if (checker.isTupleType(type)) {
      return `[${checker
        .getTypeArguments(type as ts.TypeReference)
        .map((t) => print(t, next))
        .join(", ")}]`;
    }
    if (type.getCallSignatures().length || type.getConstructSignatures().length) {
      throw new Error(`a function in the API's types: ${checker.typeToString(type)}`);
    }
    const members = checker.getPropertiesOfType(type).map((p) => {
      const optional = p.flags & ts.SymbolFlags.Optional ? "?" : "";
      return `${key(p.name)}${optional}: ${print(propType(p), next)};`;
    });
    const index = checker
      .getIndexInfosOfType(type)
      .map((info) => `[key: ${print(info.keyType, next)}]: ${print(info.type, next)};`);
    return `{ ${[...index, ...members].join(" ")} }`;
  }
  throw new Error(`cannot print ${checker.typeToString(type)}`);
}

const PROCEDURES = {
  query: "TRPCQueryProcedure",
  mutation: "TRPCMutationProcedure",
  subscription: "TRPCSubscriptionProcedure",
} as const;

/**
 * A procedure's output. A subscription's is an AsyncIterable of its events (tracked ones as
 * `{ id, data }`): its element type is printed, the iterable stays the global type.
 */
function printOutput(type: ts.Type, kind: string): string {
  if (kind !== "subscription") return print(type);
  const target = (type as ts.TypeReference).target;
  if (target?.symbol?.name !== "AsyncIterable") {
    throw new Error(
      `a subscription's output is not an AsyncIterable: ${checker.typeToString(type)}`,
    );
  }
  const [event, done, next] = checker.getTypeArguments(type as ts.TypeReference);
  if (!event) throw new Error("an AsyncIterable without an element type");
  return `AsyncIterable<${print(event)}, ${done ? print(done) : "void"}, ${next ? print(next) : "unknown"}>`;
}

function printRecord(record: ts.Type, path: string[]): string {
  const lines = checker.getPropertiesOfType(record).map((member) => {
    const type = propType(member);
    const def = type.getProperty("_def");
    const defType = def && propType(def);
    const kind = defType?.getProperty("type");
    const at = [...path, member.name].join(".");
    if (!defType || !kind)
      return `${key(member.name)}: ${printRecord(type, [...path, member.name])};`;
    const kindType = propType(kind);
    if (!kindType.isStringLiteral() || !(kindType.value in PROCEDURES)) {
      throw new Error(`${at}: unknown procedure type ${checker.typeToString(kindType)}`);
    }
    const types = propertyType(defType, "$types");
    const input = print(propertyType(types, "input"));
    const output = printOutput(propertyType(types, "output"), kindType.value);
    const procedure = PROCEDURES[kindType.value as keyof typeof PROCEDURES];
    return `/** \`${at}\` */\n${key(member.name)}: ${procedure}<{ input: ${input}; output: ${output}; meta: object }>;`;
  });
  return `{\n${lines.join("\n")}\n}`;
}

const text = `// Generated by scripts/router-types.ts from @marquee/api's AppRouter: do not edit.
import type {
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
  TRPCSubscriptionProcedure,
} from "@trpc/server";

/** What a failed call carries (\`error.shape\` / \`error.data\` on a TRPCClientError). */
export type ErrorShape = ${print(exported("ErrorShape"))};

/** The Marquee API: every procedure with its input and output. */
export type AppRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: ErrorShape; transformer: false },
  ${printRecord(exported("Record"), [])}
>;
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
console.log(`wrote ${out}`);
