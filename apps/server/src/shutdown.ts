// Shutting down behind a load balancer: on SIGTERM, readiness fails at once while requests are
// still served for a grace period (the balancer needs a probe or two to stop sending), then
// the server stops accepting, finishes what is in flight and exits. SIGINT (Ctrl-C) and a
// second SIGTERM skip the grace period.

export type ShutdownOptions = {
  graceMs: number;
  /** Stops everything (server, timers, database); the process exits once it resolves. */
  close: () => Promise<void>;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** Exits when close takes longer than this (a stuck request, a hung database). */
  forceExitAfterMs?: number;
  exit?: (code: number) => void;
};

export type Shutdown = {
  /** True from the first signal on: /readyz answers 503. */
  readonly draining: boolean;
  /** What a signal handler calls. */
  signal: (name: NodeJS.Signals) => void;
};

export function createShutdown(options: ShutdownOptions): Shutdown {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let state: "serving" | "grace" | "closing" = "serving";
  let endGrace = () => {};

  const close = async () => {
    state = "closing";
    options.log("shutting down: draining requests");
    const force = setTimeout(() => exit(1), options.forceExitAfterMs ?? 10_000).unref();
    let code = 0;
    try {
      await options.close();
    } catch (error) {
      options.log("shutdown failed", { err: error });
      code = 1;
    } finally {
      clearTimeout(force);
      exit(code);
    }
  };

  return {
    get draining() {
      return state !== "serving";
    },
    signal(name) {
      if (state === "closing") return;
      if (state === "grace") {
        endGrace();
        return;
      }
      if (name !== "SIGTERM" || options.graceMs <= 0) {
        void close();
        return;
      }
      state = "grace";
      options.log("not ready any more: serving until the grace period ends", {
        signal: name,
        graceSeconds: options.graceMs / 1000,
      });
      const timer = setTimeout(() => endGrace(), options.graceMs);
      endGrace = () => {
        clearTimeout(timer);
        endGrace = () => {};
        void close();
      };
    },
  };
}
