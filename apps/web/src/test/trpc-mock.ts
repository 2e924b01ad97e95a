// The one fake /trpc endpoint for component tests: answers httpBatchLink and httpLink
// requests procedure by procedure from a table of handlers, in the shapes the real API's error formatter uses.
// Handlers are typed with the router's outputs, so a mocked answer of the wrong shape (or a
// procedure that does not exist) fails typecheck instead of passing a test against a shape
// the API never sends.
import type { AppRouter, ErrorDetails } from "@marquee/api";
import type { AnyTRPCProcedure } from "@trpc/server";
import { vi } from "vitest";
import type { RouterInputs, RouterOutputs } from "../api-types";

type ProcedurePaths<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends AnyTRPCProcedure
    ? `${Prefix}${K}`
    : ProcedurePaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** "cinema.info", "showtime.seatMap", "health", … */
export type ProcedurePath = ProcedurePaths<AppRouter["_def"]["record"], "">;

type At<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? At<T[Head], Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;

/** What the procedure at `P` answers, as JSON (dates as ISO strings). */
export type OutputOf<P extends ProcedurePath> = At<RouterOutputs, P>;
export type InputOf<P extends ProcedurePath> = At<RouterInputs, P>;

export type TrpcErrorSpec = {
  /** tRPC code, e.g. "CONFLICT". */
  code: string;
  httpStatus: number;
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: ErrorDetails;
};

export class TrpcFail {
  constructor(readonly spec: TrpcErrorSpec) {}
}

export const fail = (spec: TrpcErrorSpec) => new TrpcFail(spec);

export type Handlers = {
  [P in ProcedurePath]?: (input: InputOf<P>) => OutputOf<P> | TrpcFail;
};

export type TrpcCall = { path: string; input: unknown };

/** Installs the fake fetch (undo with vi.unstubAllGlobals); returns every call, in order. */
export function mockTrpc(handlers: Handlers) {
  const calls: TrpcCall[] = [];
  // Looked up by a path only known at run time: the table's own typing was checked above.
  const byPath = handlers as Record<string, ((input: unknown) => unknown) | undefined>;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
    );
    const paths = decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, "")).split(",");
    // tRPC posts mutations as a JSON string body and sends queries in the URL; a batch keys
    // its inputs by position, a lone call (httpLink: the throttled ones) sends the input.
    const batched = url.searchParams.get("batch") === "1";
    let raw: unknown = undefined;
    if (init?.method === "POST" && typeof init.body === "string") {
      raw = JSON.parse(init.body) as unknown;
    } else if (url.searchParams.get("input")) {
      raw = JSON.parse(url.searchParams.get("input") ?? "{}") as unknown;
    }
    const inputs = (batched ? (raw ?? {}) : { "0": raw }) as Record<string, unknown>;
    const results = paths.map((path, i) => {
      const value = inputs[String(i)];
      calls.push({ path, input: value });
      const handler = byPath[path];
      const out = handler
        ? handler(value)
        : fail({ code: "NOT_FOUND", httpStatus: 404, message: `No handler for ${path}` });
      if (!(out instanceof TrpcFail)) return { result: { data: out } };
      const { spec } = out;
      return {
        error: {
          message: spec.message,
          code: -32000,
          data: {
            code: spec.code,
            httpStatus: spec.httpStatus,
            path,
            zodError: spec.fieldErrors ? { formErrors: [], fieldErrors: spec.fieldErrors } : null,
            details: spec.details ?? null,
          },
        },
      };
    });
    const [single] = results;
    const failed = single && "error" in single ? single.error : undefined;
    const status = !batched && failed ? failed.data.httpStatus : 200;
    return new Response(JSON.stringify(batched ? results : single), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { fetchMock, calls };
}
