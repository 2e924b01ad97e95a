import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { createBrowserRouter, createMemoryRouter, RouterProvider } from "react-router";
import { Toaster, toast } from "sonner";
import { signInPath } from "./app/auth";
import { routes } from "./app/routes";
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "./trpc";

type AppRouterInstance = ReturnType<typeof createBrowserRouter>;

export type AppProps = {
  trpcUrl?: string;
  /** For tests: a memory router starting at these entries instead of the browser's URL. */
  initialEntries?: string[];
};

export function App({ trpcUrl = "/trpc", initialEntries }: AppProps) {
  const [router] = useState<AppRouterInstance>(() =>
    initialEntries ? createMemoryRouter(routes, { initialEntries }) : createBrowserRouter(routes),
  );
  const [queryClient] = useState(() => {
    const client = makeQueryClient({
      // An expired or revoked session: forget who we were and go to sign-in, then come back.
      onUnauthorized: () => {
        client.setQueriesData({ queryKey: [["auth", "me"]] }, null);
        const { pathname, search } = router.state.location;
        if (pathname === "/signin" || pathname === "/signup") return;
        toast.info("Please sign in to continue.", { id: "session" });
        void router.navigate(signInPath(pathname + search), { replace: true });
      },
    });
    return client;
  });
  const [trpcClient] = useState(() => makeTrpcClient(trpcUrl));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <RouterProvider router={router} />
        <Toaster theme="dark" position="top-center" richColors closeButton />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
