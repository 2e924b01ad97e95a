// The PostgreSQL connection pool behind Prisma's adapter, made safe for a database that drops
// connections or cannot keep up.
import pg from "pg";

/** The `code` of the error a full wait queue answers with (recognised by the API as "busy"). */
export const POOL_QUEUE_FULL = "MARQUEE_POOL_QUEUE_FULL";

export class PoolQueueFullError extends Error {
  readonly code = POOL_QUEUE_FULL;
  constructor(readonly waiting: number) {
    super(`database busy: ${waiting} requests are already waiting for a connection`);
    this.name = "PoolQueueFullError";
  }
}

export type PoolOptions = {
  connectionString: string;
  /** Connections at most. */
  size: number;
  /** Requests allowed to wait for a connection; beyond that they are refused at once. */
  maxWaiting: number;
  /** How long a request waits for a connection before pg-pool gives up. */
  connectionTimeoutMillis: number;
  /** Told about connection errors that no request is there to receive. */
  onError?: (error: Error) => void;
  /** The connection class (tests substitute one that fails on cue). */
  Client?: pg.PoolConfig["Client"];
};

type ConnectCallback = (
  error: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/**
 * A pg.Pool (PrismaPg only takes `instanceof pg.Pool`) whose wait queue is bounded: when the
 * pool is full and `maxWaiting` requests already wait, the next one fails immediately with
 * PoolQueueFullError instead of stalling for the whole connection timeout and then failing
 * anyway. `query()` goes through `connect()`, so both paths are bounded.
 */
export class BoundedPool extends pg.Pool {
  readonly maxWaiting: number;

  constructor(options: pg.PoolConfig & { maxWaiting: number }) {
    const { maxWaiting, ...config } = options;
    super(config);
    this.maxWaiting = maxWaiting;
  }

  /** True when a new request would have to queue behind `maxWaiting` others. */
  get saturated(): boolean {
    const size = this.options.max ?? 10;
    return this.idleCount === 0 && this.totalCount >= size && this.waitingCount >= this.maxWaiting;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (this.saturated) {
      const error = new PoolQueueFullError(this.waitingCount);
      if (!callback) return Promise.reject(error);
      // Callers expect the callback after connect() returns, as pg-pool itself does.
      process.nextTick(() => callback(error, undefined, () => undefined));
      return;
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

/**
 * The application's pool. Every client gets an `error` listener the moment it exists: pg-pool
 * detaches its own listener while a client is handed to a waiting request, and a connection
 * the server terminates in that instant would otherwise be an unhandled 'error' event, which
 * kills the process. The dead client is discarded on its next use or release either way.
 */
export function createPool(options: PoolOptions): BoundedPool {
  const report = options.onError ?? (() => undefined);
  const pool = new BoundedPool({
    connectionString: options.connectionString,
    max: options.size,
    maxWaiting: options.maxWaiting,
    connectionTimeoutMillis: options.connectionTimeoutMillis,
    // Notices a vanished peer on idle connections instead of trusting them for hours.
    keepAlive: true,
    ...(options.Client ? { Client: options.Client } : {}),
  });
  pool.on("connect", (client) => client.on("error", report));
  // An idle client died: pg-pool has already removed it; say so and carry on.
  pool.on("error", report);
  return pool;
}
