// fast-check arbitraries for hostile procedure input, derived from a procedure's own zod
// schema: a valid-looking value for every node, a hostile one (wrong type, huge, control
// characters, lone surrogates, emoji, absurd numbers and dates, forged cursors, non-UUID ids),
// and near-valid inputs (a valid example with exactly one field broken, left out or added).
// Ids are symbolic (`PoolRef`) and resolved against the database's rows at call time, so a
// shrunk counterexample still names real rows after earlier runs deleted some.
import fc from "fast-check";
import { z } from "zod";
import { ZLayout } from "../routers/hall";
import { ZCursor, ZInstant, ZLocalDate } from "../routers/schemas";
import { FIXTURE_PASSWORD } from "./factories";

type Schema = z.core.$ZodType;

/** The kinds of rows an id may name; the suite keeps a few of each alive. */
export const POOL_KINDS = [
  "movie",
  "hall",
  "seat",
  "showtime",
  "reservation",
  "user",
  "code",
  "email",
] as const;
export type PoolKind = (typeof POOL_KINDS)[number];
export type Pools = Record<PoolKind, string[]>;

/** "The n-th row of this kind", turned into a real id (or code, e-mail) by `resolveRefs`. */
export class PoolRef {
  constructor(
    readonly kind: PoolKind,
    readonly n: number,
  ) {}
  [fc.toStringMethod](): string {
    return `ref(${this.kind}#${this.n})`;
  }
}

/** A cursor whose id may be a PoolRef: encoded only once refs are resolved. */
export class CursorOf {
  constructor(
    readonly key: unknown,
    readonly id: string | PoolRef,
  ) {}
  [fc.toStringMethod](): string {
    const id = this.id instanceof PoolRef ? this.id[fc.toStringMethod]() : this.id;
    return `cursor(${JSON.stringify(this.key)}, ${id})`;
  }
}

const ref = (kind: PoolKind) => fc.nat(1000).map((n) => new PoolRef(kind, n));

/** Whether a value holds refs or cursors that only the database can turn into values. */
function isSymbolic(value: unknown): boolean {
  if (value instanceof PoolRef || value instanceof CursorOf) return true;
  if (Array.isArray(value)) return value.some(isSymbolic);
  if (value && typeof value === "object") return Object.values(value).some(isSymbolic);
  return false;
}

/** Replaces every PoolRef with a current value; keeps own "__proto__" keys as own keys. */
export function resolveRefs(value: unknown, pools: Pools): unknown {
  if (value instanceof PoolRef) {
    const pool = pools[value.kind];
    return pool.length ? pool[value.n % pool.length] : "00000000-0000-4000-8000-000000000000";
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, pools));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const inner: unknown = (value as Record<string, unknown>)[key];
      Object.defineProperty(out, key, {
        value: resolveRefs(inner, pools),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Hostile leaves

// U+0000 above all: PostgreSQL cannot store it in text, so it is the one that breaks queries.
const controlChar = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    fc.integer({ min: 1, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
  )
  .map((c) => String.fromCharCode(c));
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83c"];
const ODD_TEXT = [
  "🎬",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇫🇷",
  "\u202eevil",
  "\ufeff",
  "e\u0301",
  "𝕄𝕒𝕣𝕢𝕦𝕖𝕖",
  "\u200b",
  "\u2028",
  "ﷺ",
  "Ω≈ç√",
  "%s%n",
  "${x}",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "\\",
  "<script>",
];

const around = (middle: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.string({ maxLength: 6 }), middle, fc.string({ maxLength: 6 }))
    .map(([a, m, b]) => a + m + b);

const controlText = around(controlChar);
const surrogateText = around(fc.constantFrom(...LONE_SURROGATES));
const oddText = fc.string({ unit: fc.constantFrom(...ODD_TEXT), minLength: 1, maxLength: 8 });
/** Past every max length in the schemas (BODY_LIMIT is the host's job, not tested here). */
const hugeText = fc
  .tuple(fc.integer({ min: 513, max: 200_000 }), fc.constantFrom("x", " ", "é", "🎬", "\u0000"))
  .map(([n, unit]) => unit.repeat(n));

const ABSURD_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  -1,
  0.5,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 31,
  -(2 ** 31),
  2 ** 63,
  101,
  1_000_001,
];
const absurdNumber = fc.oneof(fc.constantFrom(...ABSURD_NUMBERS), fc.double(), fc.integer());

const ABSURD_DATES = [
  "0000-01-01",
  "0000-00-00",
  "9999-12-31",
  "275760-09-13",
  "+275760-09-13",
  "-000001-01-01",
  "1999-12-31",
  "2101-01-01",
  "2026-02-30",
  "2026-13-01",
  "2026-1-1",
  "26-01-01",
  "2026-01-01 ",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "1970-01-01T00:00:00Z",
  "2026-03-28T25:00:00Z",
  "2026-03-28T20:30:00+99:00",
  "2026-03-28T20:30:00",
  "2026-03-28T20:30:00.123456789Z",
  "2026-03-28",
  "now",
  "Invalid Date",
];
const absurdDate = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ABSURD_DATES) },
  fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 1999 }), fc.integer({ min: -300_000, max: 300_000 })),
      fc.constantFrom("", "T12:00:00Z", "T00:00:00-01:00", "T23:59:59.999+14:00"),
    )
    .map(([y, time]) => `${String(y).padStart(4, "0")}-01-01${time}`),
);

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

const NON_UUIDS = [
  "",
  "1",
  "0",
  "null",
  "undefined",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-4000-8000-00000000000g",
  "00000000000040008000000000000000",
  "{00000000-0000-4000-8000-000000000000}",
  " 00000000-0000-4000-8000-000000000000",
  "00000000-0000-4000-8000-000000000000\n",
  "00000000-0000-4000-8000-000000000000\u0000",
  "' OR 1=1 --",
  "../../etc/passwd",
];
const nonUuid = fc.oneof(
  fc.constantFrom(...NON_UUIDS),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => u.slice(0, -1)),
);

/** A cursor the server never made: base64url of anything, or of a near-real position. */
const forgedCursor: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => base64url(JSON.stringify(v) ?? "null")),
  fc
    .tuple(fc.jsonValue({ maxDepth: 1 }), fc.oneof(fc.uuid(), ref("movie"), ref("user")))
    .map(([key, id]) => new CursorOf(key, id)),
  // Most often a real-looking position whose key is what no page ever ends on.
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.oneof(
          { weight: 2, arbitrary: controlText },
          { weight: 2, arbitrary: absurdDate },
          surrogateText,
          oddText,
          fc.string({ maxLength: 40 }),
          fc.string({ minLength: 290, maxLength: 310 }),
        ),
        fc.oneof(fc.uuid(), nonUuid, ref("movie"), ref("reservation"), ref("showtime")),
      )
      .map(([key, id]) => new CursorOf(key, id)),
  },
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", "=", "==", "..", "%00", "eyJ", "W10", "bnVsbA"),
);

const plainWrongTypes = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  false,
  0,
  -1,
  "",
  "x",
  [],
  {},
  [null],
  [[]],
  { "": null },
);
/** Any JSON a client could send, plus undefined: the wrong type for most nodes. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: plainWrongTypes },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Hostile text of every kind this file knows. */
const hostileText = fc.oneof(
  controlText,
  surrogateText,
  oddText,
  hugeText,
  absurdDate,
  nonUuid,
  forgedCursor,
  fc.string({ unit: "binary", maxLength: 30 }),
);

const hostileEmail = fc.oneof(
  fc.constantFrom(
    "a@b",
    "@example.com",
    "a@",
    "a\u0000@example.com",
    "a@example.com\n",
    '"quoted local"@example.com',
    "a@[127.0.0.1]",
    "é@é.fr",
    "A@EXAMPLE.COM",
    "a+tag@example.com",
    `${"a".repeat(64)}@${"b".repeat(185)}.com`,
    `${"a".repeat(300)}@example.com`,
  ),
  around(fc.constant("@example.com")),
);
const hostileUrl = fc.constantFrom(
  "javascript:alert(1)",
  "data:text/html,<script>",
  "file:///etc/passwd",
  "http://",
  "https://[::1",
  "http://\u0000.example",
  "ftp://example.com",
  `https://example.com/${"x".repeat(3000)}`,
  "https://exa mple.com",
  "HTTPS://EXAMPLE.COM",
);

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "toString", "id", "role", "userId"];

// ---------------------------------------------------------------------------------------
// Schema walking

type Check = {
  check?: string;
  minimum?: number;
  maximum?: number;
  value?: unknown;
  format?: string;
};

function checksOf(schema: Schema): Check[] {
  const checks = (schema._zod.def as { checks?: { _zod: { def: unknown } }[] }).checks ?? [];
  return checks.map((c) => c._zod.def as Check);
}

function bounds(schema: Schema): { min?: number; max?: number; int: boolean } {
  let min: number | undefined;
  let max: number | undefined;
  let int = false;
  for (const c of checksOf(schema)) {
    if (c.check === "min_length" && typeof c.minimum === "number") min = c.minimum;
    if (c.check === "max_length" && typeof c.maximum === "number") max = c.maximum;
    if (c.check === "greater_than" && typeof c.value === "number") min = c.value;
    if (c.check === "less_than" && typeof c.value === "number") max = c.value;
    if (c.check === "number_format" && (c.format === "safeint" || c.format === "int32")) {
      int = true;
    }
  }
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), int };
}

/** Which pool an id field names, from its key and the procedure's router. */
export type Hints = { router: string };

function poolForKey(key: string | null, hints: Hints): PoolKind | null {
  if (key === null) return null;
  if (key === "id") {
    const byRouter: Record<string, PoolKind> = {
      movie: "movie",
      hall: "hall",
      showtime: "showtime",
      reservation: "reservation",
      user: "user",
    };
    return byRouter[hints.router] ?? null;
  }
  const match = /^(movie|hall|seat|showtime|reservation|user)Ids?$/.exec(key);
  if (match?.[1]) return match[1] as PoolKind;
  if (key === "code") return "code";
  if (key === "email") return "email";
  return null;
}

const localDate = fc
  .date({
    min: new Date("2000-01-01T00:00:00Z"),
    max: new Date("2100-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .tuple(
    fc.date({
      min: new Date("2000-01-01T00:00:00Z"),
      max: new Date("2100-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    fc.constantFrom("Z", "+01:00", "-05:30", "+14:00"),
  )
  .map(([d, offset]) => d.toISOString().replace("Z", offset));
const validCursor = fc
  .tuple(
    fc.oneof(fc.string({ maxLength: 30 }), instant, fc.constant("")),
    fc.oneof(ref("movie"), ref("reservation"), ref("showtime"), ref("user"), fc.uuid()),
  )
  .map(([key, id]) => new CursorOf(key, id));
const validLayout = fc.array(fc.stringMatching(/^[SPWC_]{1,12}$/), { minLength: 1, maxLength: 6 });

/** A value that could pass the schema (and often does): the base near-valid inputs mutate. */
export function validValue(
  schema: Schema,
  hints: Hints,
  key: string | null = null,
): fc.Arbitrary<unknown> {
  if (schema === ZLocalDate) return localDate;
  if (schema === ZInstant) return instant;
  if (schema === ZCursor) return validCursor;
  if (schema === ZLayout) return validLayout;
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "string": {
      const format = (def as { format?: string }).format;
      const pool = poolForKey(key, hints);
      if (format === "uuid" || format === "guid") {
        return pool ? fc.oneof({ weight: 4, arbitrary: ref(pool) }, fc.uuid()) : fc.uuid();
      }
      if (format === "email") {
        return fc.oneof(
          ref("email"),
          fc.emailAddress().filter((e) => e.length <= 254),
        );
      }
      if (format === "url") return fc.webUrl({ validSchemes: ["https", "http"] });
      if (format === "datetime") return instant;
      if (key !== null && /password/i.test(key)) {
        return fc.oneof(fc.constant(FIXTURE_PASSWORD), fc.string({ minLength: 8, maxLength: 20 }));
      }
      if (pool === "code") return fc.oneof(ref("code"), fc.string({ minLength: 4, maxLength: 20 }));
      const { min = 0, max = 40 } = bounds(schema);
      return fc.oneof(
        {
          weight: 4,
          arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 40)) }),
        },
        // The boundary, where off-by-ones and column widths live.
        fc.constantFrom("é".repeat(max), "🎬".repeat(Math.ceil(max / 2)), "x".repeat(max)),
      );
    }
    case "number": {
      const { min = -1e6, max = 1e6, int } = bounds(schema);
      return int
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true });
    }
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries));
    case "literal":
      return fc.constantFrom(...def.values);
    case "null":
      return fc.constant(null);
    case "undefined":
      return fc.constant(undefined);
    case "optional":
      return fc.option(validValue(def.innerType, hints, key), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(validValue(def.innerType, hints, key), { nil: null, freq: 3 });
    case "default":
    case "prefault":
      return fc.option(validValue(def.innerType, hints, key), { nil: undefined, freq: 5 });
    case "readonly":
    case "nonoptional":
    case "catch":
      return validValue(def.innerType, hints, key);
    case "pipe":
      // A transform consumes what `in` accepts; otherwise `out` holds the real constraint
      // (z.string().trim().pipe(ZEmail)).
      return def.out._zod.def.type === "transform"
        ? validValue(def.in, hints, key)
        : fc.oneof(validValue(def.in, hints, key), validValue(def.out, hints, key));
    case "array": {
      const { min = 0, max = 5 } = bounds(schema);
      return fc.array(validValue(def.element, hints, key), {
        minLength: min,
        maxLength: Math.max(min, Math.min(max, 5)),
      });
    }
    case "object": {
      const shape = def.shape;
      // Each field checked by its own schema, so a near-valid input has one fault only and
      // reaches the service behind the schema (ids and cursors resolve later: let them by).
      const entries = Object.entries(shape).map(
        ([k, s]) =>
          [
            k,
            validValue(s, hints, k).filter((v) => isSymbolic(v) || z.safeParse(s, v).success),
          ] as const,
      );
      return fc.tuple(...entries.map(([, arb]) => arb)).map((values) => {
        const out: Record<string, unknown> = {};
        entries.forEach(([k], i) => {
          if (values[i] !== undefined) out[k] = values[i];
        });
        return out;
      });
    }
    case "union":
      return fc.oneof(...def.options.map((o) => validValue(o, hints, key)));
    default:
      return wrongType;
  }
}

/** A hostile value for this node: the wrong type, or the right type at its worst. */
export function hostileValue(
  schema: Schema,
  hints: Hints,
  key: string | null = null,
): fc.Arbitrary<unknown> {
  // Shared schemas get the attacks aimed at them most of the time.
  if (schema === ZCursor)
    return fc.oneof({ weight: 6, arbitrary: forgedCursor }, hostileText, wrongType);
  if (schema === ZLocalDate || schema === ZInstant) {
    return fc.oneof({ weight: 6, arbitrary: absurdDate }, hostileText, wrongType);
  }
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return hostileValue(def.innerType, hints, key);
    case "pipe":
      return hostileValue(def.in, hints, key);
    case "string": {
      const format = (def as { format?: string }).format;
      const aimed =
        format === "uuid" || format === "guid"
          ? nonUuid
          : format === "email"
            ? hostileEmail
            : format === "url"
              ? hostileUrl
              : format === "datetime"
                ? absurdDate
                : hostileText;
      return fc.oneof({ weight: 4, arbitrary: aimed }, hostileText, wrongType, absurdNumber);
    }
    case "number":
      return fc.oneof(
        { weight: 4, arbitrary: absurdNumber },
        wrongType,
        fc.constantFrom("1", "1e3", "NaN", "Infinity", "0x10", " 5 "),
      );
    case "boolean":
      return fc.oneof(wrongType, fc.constantFrom("true", "false", 0, 1, "yes"));
    case "enum":
    case "literal": {
      const values = def.type === "enum" ? Object.values(def.entries) : def.values;
      const strings = values.filter((v): v is string => typeof v === "string");
      return fc.oneof(
        wrongType,
        hostileText,
        fc.constantFrom(
          ...strings.flatMap((v) => [
            v.toLowerCase(),
            ` ${v}`,
            `${v}\u0000`,
            v.toUpperCase() + "S",
          ]),
          "__proto__",
        ),
      );
    }
    case "array": {
      const element = validValue(def.element, hints, key);
      return fc.oneof(
        wrongType,
        // Far past every max in the schemas, built cheaply from one element.
        fc
          .tuple(fc.integer({ min: 101, max: 20_000 }), element)
          .map(([n, e]) => Array.from({ length: n }, () => e)),
        fc.array(hostileValue(def.element, hints, key), { minLength: 1, maxLength: 4 }),
        fc.array(element, { maxLength: 3 }).map((items) => [...items, ...items]),
      );
    }
    case "object":
      return fc.oneof(
        wrongType,
        fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
      );
    default:
      return wrongType;
  }
}

function withKey(object: Record<string, unknown>, key: string, value: unknown) {
  const out = { ...object };
  // An own "__proto__" key, as JSON.parse makes it, not a prototype change.
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function reachesQuery(schema: Schema): boolean {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  if (def.type === "optional" || def.type === "nullable" || def.type === "default") {
    return reachesQuery(def.innerType);
  }
  return schema === ZCursor || schema === ZLocalDate || schema === ZInstant;
}

/** A valid example with exactly one thing wrong: one field broken, left out, or added. */
export function nearValid(
  schema: Schema,
  hints: Hints,
  key: string | null = null,
): fc.Arbitrary<unknown> {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
    case "catch":
      return nearValid(def.innerType, hints, key);
    case "pipe":
      return def.out._zod.def.type === "transform"
        ? nearValid(def.in, hints, key)
        : fc.oneof(nearValid(def.in, hints, key), hostileValue(def.out, hints, key));
    case "object": {
      const keys = Object.keys(def.shape);
      if (keys.length === 0) return hostileValue(schema, hints, key);
      const base = validValue(schema, hints, key) as fc.Arbitrary<Record<string, unknown>>;
      // Fields whose values reach a query (cursors, dates, instants) are broken three times as
      // often: a page of runs must still find what only they can hide.
      const pick = fc.oneof(
        ...keys.map((k) => ({
          weight: def.shape[k] && reachesQuery(def.shape[k]) ? 3 : 1,
          arbitrary: fc.constant(k),
        })),
      );
      const broken = pick.chain((k) => {
        const child = def.shape[k];
        if (!child) return base;
        return fc
          .tuple(
            base,
            fc.oneof(
              { weight: 2, arbitrary: nearValid(child, hints, k) },
              { weight: 1, arbitrary: hostileValue(child, hints, k) },
            ),
          )
          .map(([object, value]) => withKey(object, k, value));
      });
      const missing = fc.tuple(base, fc.constantFrom(...keys)).map(([object, k]) => {
        const { [k]: _dropped, ...rest } = object;
        return rest;
      });
      const extra = fc
        .tuple(
          base,
          fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })),
          wrongType,
        )
        .map(([object, k, value]) => withKey(object, k, value));
      return fc.oneof({ weight: 4, arbitrary: broken }, missing, extra);
    }
    case "array": {
      const { min = 0 } = bounds(schema);
      const base = fc.array(validValue(def.element, hints, key), {
        minLength: Math.max(1, min),
        maxLength: 5,
      });
      return fc.oneof(
        fc
          .tuple(base, fc.nat(), nearValid(def.element, hints, key))
          .map(([items, i, bad]) => items.map((item, j) => (j === i % items.length ? bad : item))),
        hostileValue(schema, hints, key),
      );
    }
    default:
      return hostileValue(schema, hints, key);
  }
}

/** Everything a client could send to a procedure with this input schema (none: no input). */
export function procedureInput(schema: Schema | undefined, hints: Hints): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), wrongType);
  return fc.oneof(
    { weight: 5, arbitrary: nearValid(schema, hints) },
    { weight: 2, arbitrary: validValue(schema, hints) },
    { weight: 1, arbitrary: hostileValue(schema, hints) },
  );
}

/** Resolves refs, then encodes the cursors that carried them. */
export function materialize(value: unknown, pools: Pools): unknown {
  const encode = (v: unknown): unknown => {
    if (v instanceof CursorOf) {
      const id = v.id instanceof PoolRef ? resolveRefs(v.id, pools) : v.id;
      return base64url(JSON.stringify([v.key, id]));
    }
    if (Array.isArray(v)) return v.map(encode);
    if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        Object.defineProperty(out, k, {
          value: encode((v as Record<string, unknown>)[k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  return resolveRefs(encode(value), pools);
}
