// Start-up against a database that may not be up yet (a container starting beside its
// database, a failover in progress): keep trying with back-off for a while, one plain line
// per failed attempt, then give up with one clear line.

export type RetryOptions<T> = {
  /** One attempt: resolves with the opened resource or throws why it could not. */
  attempt: () => Promise<T>;
  /** How long to keep trying, from the first attempt; 0 tries exactly once. */
  timeoutMs: number;
  /** Told about each failed attempt that will be retried. */
  onRetry: (info: { attempt: number; error: Error; delayMs: number }) => void;
  /** Errors that waiting cannot fix (a wrong password) end the retries at once. */
  retryable?: (error: Error) => boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

export class StartupTimeoutError extends Error {
  constructor(
    readonly attempts: number,
    readonly lastError: Error,
  ) {
    super(lastError.message);
  }
}

/** Back-off between attempts: 0.5 s, 1 s, 2 s, then every 4 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 4_000);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` until it succeeds or `timeoutMs` has passed; never sleeps past the
 * deadline (the last attempt happens at it). Throws StartupTimeoutError with the last error.
 */
export async function retryUntil<T>(options: RetryOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.attempt();
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      const left = deadline - now();
      if (left <= 0 || options.retryable?.(error) === false)
        throw new StartupTimeoutError(attempt, error);
      const delayMs = Math.min(retryDelayMs(attempt), left);
      options.onRetry({ attempt, error, delayMs });
      await sleep(delayMs);
    }
  }
}

/**
 * The driver's own code and message under the wrappers: Prisma reports a failed raw query
 * as P2010 with the driver adapter's error (and the database's code) in `meta`; pg's are often AggregateErrors.
 */
const KIND_TEXT: Record<string, string> = {
  DatabaseNotReachable: "the database server cannot be reached",
  SocketTimeout: "the database server did not answer in time",
  ConnectionClosed: "the database server closed the connection",
};

type DriverCause = { originalCode?: unknown; originalMessage?: unknown; kind?: unknown };

function rootCause(error: Error): { code: string | undefined; message: string } {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: DriverCause } } }).meta;
  const cause = meta?.driverAdapterError?.cause;
  if (cause) {
    const code = typeof cause.originalCode === "string" ? cause.originalCode : undefined;
    const kind = typeof cause.kind === "string" ? cause.kind : "database error";
    // A refused or timed-out connection carries no database message, only its kind.
    const text =
      typeof cause.originalMessage === "string" ? cause.originalMessage : (KIND_TEXT[kind] ?? kind);
    return { code, message: text };
  }
  const inner: unknown =
    error instanceof AggregateError ? (error.errors as unknown[])[0] : undefined;
  const source = inner instanceof Error ? inner : error;
  const code = (source as { code?: unknown }).code;
  return {
    code: typeof code === "string" ? code : undefined,
    message: source.message.trim() || "unknown error",
  };
}

/** PostgreSQL refusing who we are: waiting will not change its mind. */
const PERMANENT_CODES = new Set(["28P01", "28000"]);

export function isRetryableConnectError(error: Error): boolean {
  const { code } = rootCause(error);
  return !(code !== undefined && PERMANENT_CODES.has(code));
}

/** A short, one-line reason for a connection failure. */
export function describeConnectError(error: Error): string {
  const { code, message } = rootCause(error);
  const line = message.replace(/\s+/g, " ");
  return code && !line.includes(code) ? `${line} (${code})` : line;
}
