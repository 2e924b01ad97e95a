import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { App } from "./App";
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "./trpc";

afterEach(() => vi.unstubAllGlobals());

function renderApp() {
  const queryClient = makeQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={makeTrpcClient("http://localhost/trpc")} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

it("shows that the box office is open when the API answers", async () => {
  const body = JSON.stringify([
    { result: { data: { status: "ok", database: "ok", time: "2026-11-24T12:00:00.000Z" } } },
  ]);
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body, { headers: { "content-type": "application/json" } })),
  );
  renderApp();
  expect(await screen.findByText(/Box office open/)).toBeTruthy();
});

it("says so when the API is down", async () => {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response("oops", { status: 502 })),
  );
  renderApp();
  expect(await screen.findByText(/not answering/)).toBeTruthy();
});
