import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import {
  BrowserRouter,
  MemoryRouter,
  type NavigateFunction,
  useLocation,
  useNavigate,
  useRoutes,
} from "react-router";
import { signInPath } from "./app/auth";
import { routes } from "./app/routes";
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "./trpc";
import { toast, ToastHost } from "./ui/toast";

export type AppProps = {
  trpcUrl?: string;
  /** For tests: a memory router starting at these entries instead of the browser's URL. */
  initialEntries?: string[];
};

type Navigation = { navigate: NavigateFunction; pathname: string; search: string };

/**
 * The routes, plus a window on the router for code outside it (the query client). A
 * declarative router rather than a data router: the app uses no loaders or actions, and the
 * data router's code would cost the first page about 16 KB of gzipped JavaScript.
 */
function Routes({ navigation }: { navigation: React.RefObject<Navigation | null> }) {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  useEffect(() => {
    navigation.current = { navigate, pathname, search };
  }, [navigation, navigate, pathname, search]);
  return useRoutes(routes);
}

export function App({ trpcUrl = "/trpc", initialEntries }: AppProps) {
  const navigation = useRef<Navigation | null>(null);
  const [queryClient] = useState(() => {
    const client = makeQueryClient({
      // An expired or revoked session: forget who we were and go to sign-in, then come back.
      onUnauthorized: () => {
        client.setQueriesData({ queryKey: [["auth", "me"]] }, null);
        const here = navigation.current;
        if (!here) return;
        const { pathname, search, navigate } = here;
        if (pathname === "/signin" || pathname === "/signup") return;
        toast.info("Please sign in to continue.", { id: "session" });
        void navigate(signInPath(pathname + search), { replace: true });
      },
    });
    return client;
  });
  const [trpcClient] = useState(() => makeTrpcClient(trpcUrl));
  const view = <Routes navigation={navigation} />;
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {initialEntries ? (
          <MemoryRouter initialEntries={initialEntries}>{view}</MemoryRouter>
        ) : (
          <BrowserRouter>{view}</BrowserRouter>
        )}
        <ToastHost />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
