// The pool's two promises, on a stand-in connection class that connects only when told to (no
// database needed, nothing depends on timing): a full wait queue refuses at once, and a
// connection dying while it is handed over never becomes an unhandled 'error' event.
import { EventEmitter } from "node:events";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { createPool, POOL_QUEUE_FULL, PoolQueueFullError } from "./pool";

/** Connections that open when `openNext()` says so; queries answer at once. */
function fakeClients() {
  const opening: (() => void)[] = [];
  class FakeClient extends EventEmitter {
    _queryable = true;
    _ending = false;
    connect(callback: (error?: Error) => void) {
      opening.push(() => callback());
    }
    query(_text: unknown, _values: unknown, callback: (error?: Error, result?: unknown) => void) {
      process.nextTick(() => callback(undefined, { rows: [] }));
    }
    end(callback?: () => void) {
      this._ending = true;
      callback?.();
      return Promise.resolve();
    }
    ref() {}
    unref() {}
  }
  return {
    Client: FakeClient as unknown as pg.PoolConfig["Client"],
    openNext() {
      const open = opening.shift();
      if (!open) throw new Error("no connection is opening");
      open();
    },
  };
}

/** Settles a promise into what happened, so a test can look without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

describe("createPool", () => {
  it("refuses at once with a recognisable error when maxWaiting requests already wait", async () => {
    const fake = fakeClients();
    // No connection timeout at all: a refused request can only come from the bounded queue.
    const pool = createPool({
      connectionString: "postgres://unused",
      size: 1,
      maxWaiting: 2,
      connectionTimeoutMillis: 0,
      Client: fake.Client,
    });
    const first = track(pool.connect()); // opens the one connection
    const waiting = [track(pool.connect()), track(pool.connect())];
    expect(pool.waitingCount).toBe(2);

    const refused = await pool.connect().then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PoolQueueFullError);
    expect(refused).toMatchObject({ code: POOL_QUEUE_FULL });
    await expect(pool.query("SELECT 1")).rejects.toMatchObject({ code: POOL_QUEUE_FULL });
    const viaCallback = await new Promise<Error | undefined>((resolve) => {
      pool.connect((error) => resolve(error));
    });
    expect(viaCallback).toBeInstanceOf(PoolQueueFullError);
    // The refusals took nobody's place: the queue still holds the same two, unsettled.
    expect(first.settled).toBe(false);
    expect(waiting.map((w) => w.settled)).toEqual([false, false]);
    expect(pool.waitingCount).toBe(2);

    // Once the connection opens, the queue drains and new requests are served again.
    fake.openNext();
    await expect.poll(() => first.settled).toBe(true);
    (first.value as pg.PoolClient).release();
    await expect.poll(() => waiting[0]?.settled).toBe(true);
    (waiting[0]?.value as pg.PoolClient).release();
    await expect.poll(() => waiting[1]?.settled).toBe(true);
    expect(waiting.map((w) => w.error)).toEqual([undefined, undefined]);
    (waiting[1]?.value as pg.PoolClient).release();
    await expect(pool.query("SELECT 1")).resolves.toEqual({ rows: [] });
    await pool.end();
  });

  it("survives a connection dying while the pool hands it to a waiting request", async () => {
    const fake = fakeClients();
    const reported: Error[] = [];
    const pool = createPool({
      connectionString: "postgres://unused",
      size: 1,
      maxWaiting: 10,
      connectionTimeoutMillis: 0,
      Client: fake.Client,
      onError: (error) => reported.push(error),
    });
    const first = pool.connect();
    const next = pool.connect(); // waits for the one connection
    fake.openNext();
    const client = await first;
    // release() hands the client to `next` synchronously and pg-pool detaches its own error
    // listener; `next` cannot attach one before its promise resolves. A connection terminated
    // in that instant emitted 'error' to no listener, which throws (and kills a server).
    client.release();
    expect(() =>
      client.emit("error", new Error("Connection terminated unexpectedly")),
    ).not.toThrow();
    expect(reported.map((e) => e.message)).toEqual(["Connection terminated unexpectedly"]);
    (await next).release(new Error("discard the dead connection"));
    expect(pool.totalCount).toBe(0);
    await pool.end();
  });
});
