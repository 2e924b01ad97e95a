// PGlite allows one process per folder: a second server on the same folder must refuse to
// start rather than corrupt it, and a killed server must not leave the folder locked.
import { type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { lockFileOf } from "@marquee/db";
import { startChildServer } from "./test/start-server";

function exitOf(child: ChildProcess): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", resolve));
}

it("a second server on one PGlite folder exits naming the first; a SIGKILLed one frees it", async () => {
  const dir = join(mkdtempSync(join(tmpdir(), "marquee-folder-")), "db");
  const url = `pglite:${dir}`;
  const first = await startChildServer(url, {});
  const others: ChildProcess[] = [];
  try {
    const second = await startChildServer(url, {}).then(
      (started) => {
        others.push(started.process); // stopped below even when the test fails here
        return "started";
      },
      (error: Error) => error.message,
    );
    expect(second).toMatch(
      new RegExp(`exited with 1:[\\s\\S]*in use by process ${first.process.pid}`),
    );
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    const killed = exitOf(first.process);
    first.process.kill("SIGKILL");
    await killed;
    expect(existsSync(lockFileOf(dir)), "a killed server leaves its lock behind").toBe(true);

    const next = await startChildServer(url, {});
    others.push(next.process);
    expect((await fetch(`${next.url}/readyz`)).status).toBe(200);
  } finally {
    for (const child of [first.process, ...others]) {
      const exited = exitOf(child);
      child.kill("SIGTERM");
      await exited;
    }
  }
}, 180_000);
