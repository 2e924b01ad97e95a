// A fake /trpc endpoint for component tests: answers httpBatchLink requests procedure by
// procedure from a table of handlers, in the shapes the real API's error formatter uses.
import { vi } from "vitest";

export type TrpcErrorSpec = {
  code: string;
  httpStatus: number;
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: Record<string, unknown>;
};

export class TrpcFail {
  constructor(readonly spec: TrpcErrorSpec) {}
}

export const fail = (spec: TrpcErrorSpec) => new TrpcFail(spec);

export type Handler = (input: unknown) => unknown;

export function mockTrpc(handlers: Record<string, Handler>) {
  const calls: { path: string; input: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
    );
    const paths = decodeURIComponent(url.pathname.replace(/^.*\/trpc\//, "")).split(",");
    let inputs: Record<string, unknown> = {};
    if (init?.method === "POST" && typeof init.body === "string") {
      inputs = JSON.parse(init.body) as Record<string, unknown>;
    } else if (url.searchParams.get("input")) {
      inputs = JSON.parse(url.searchParams.get("input") ?? "{}") as Record<string, unknown>;
    }
    const results = paths.map((path, i) => {
      const value = inputs[String(i)];
      calls.push({ path, input: value });
      const handler = handlers[path];
      const out = handler
        ? handler(value)
        : new TrpcFail({ code: "NOT_FOUND", httpStatus: 404, message: `No handler for ${path}` });
      if (out instanceof TrpcFail) {
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
      }
      return { result: { data: out } };
    });
    return new Response(JSON.stringify(results), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { fetchMock, calls };
}
