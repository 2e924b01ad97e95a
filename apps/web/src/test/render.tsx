import { render } from "@testing-library/react";
import { App } from "../App";

/** The whole app (router, query client, tRPC) at a URL, against the mocked fetch. */
export function renderApp(initialEntries: string[] = ["/"]) {
  return render(<App trpcUrl="http://localhost/trpc" initialEntries={initialEntries} />);
}
