// Test helper: a fake /trpc endpoint behind `fetch`, answering batched tRPC calls by
// procedure name, and a render function with the app's providers and a router.
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { type ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "../trpc";

export type FakeCall = { path: string; input: unknown };
export type FakeAnswer =
  | { data: unknown }
  | { error: { code: string; httpStatus: number; message: string; details?: unknown } };
export type FakeHandlers = Record<string, (input: unknown) => FakeAnswer>;

const JSONRPC: Record<string, number> = {
  CONFLICT: -32009,
  BAD_REQUEST: -32600,
  FORBIDDEN: -32003,
};

/** Installs the fake fetch; returns every call it received, in order. */
export function fakeApi(handlers: FakeHandlers): FakeCall[] {
  const calls: FakeCall[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const paths = decodeURIComponent(url.pathname.replace(/^\/trpc\//, "")).split(",");
      // tRPC posts mutations as a JSON string body and sends queries in the URL.
      const body = typeof init?.body === "string" ? init.body : null;
      const raw = body ?? url.searchParams.get("input") ?? "{}";
      const inputs = JSON.parse(raw) as Record<string, unknown>;
      const answers = paths.map((path, i) => {
        const callInput = inputs[String(i)];
        calls.push({ path, input: callInput });
        const handler = handlers[path];
        if (!handler) throw new Error(`fake API: no handler for ${path}`);
        const answer = handler(callInput);
        if ("data" in answer) return { result: { data: answer.data } };
        const { code, httpStatus, message, details } = answer.error;
        return {
          error: {
            message,
            code: JSONRPC[code] ?? -32603,
            data: { code, httpStatus, path, zodError: null, details: details ?? null },
          },
        };
      });
      return new Response(JSON.stringify(answers), {
        headers: { "content-type": "application/json" },
      });
    }),
  );
  return calls;
}

export function renderWithApi(ui: ReactNode, { route = "/" }: { route?: string } = {}) {
  const queryClient = makeQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={makeTrpcClient("http://localhost/trpc")} queryClient={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

export const PARIS_INFO = {
  timeZone: "Europe/Paris",
  currency: "EUR",
  today: "2026-03-28",
  now: "2026-03-28T10:00:00.000Z",
  holdMinutes: 10,
  maxSeatsPerBooking: 10,
  salesCutoffMinutes: 0,
  cleaningMinutes: 15,
};
