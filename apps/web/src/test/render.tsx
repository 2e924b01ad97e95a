import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { type ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { App } from "../App";
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "../trpc";

const TRPC_URL = "http://localhost/trpc";

/** The whole app (router, query client, tRPC) at a URL, against the mocked fetch. */
export function renderApp(initialEntries: string[] = ["/"]) {
  return render(<App trpcUrl={TRPC_URL} initialEntries={initialEntries} />);
}

/** One part of the app with the app's providers and a router, against the mocked fetch. */
export function renderWithApi(ui: ReactNode, { route = "/" }: { route?: string } = {}) {
  const queryClient = makeQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={makeTrpcClient(TRPC_URL)} queryClient={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </TRPCProvider>
    </QueryClientProvider>,
  );
}
