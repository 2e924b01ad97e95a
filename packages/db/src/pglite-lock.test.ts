import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockFileOf, lockPgliteFolder, PgliteFolderInUseError } from "./pglite-lock";

function folder(): string {
  return join(mkdtempSync(join(tmpdir(), "marquee-lock-")), "db");
}

/** A process of our own: running until killed, or already finished (its pid is free). */
async function otherProcess(keepRunning: boolean) {
  const child = spawn(process.execPath, ["-e", keepRunning ? "setInterval(() => {}, 1e6)" : ""]);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  if (!keepRunning) await exited;
  return {
    pid: child.pid!,
    stop: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

describe("the PGlite folder lock", () => {
  it("is refused to a second opener while held, and free again once released", () => {
    const dir = folder();
    const lock = lockPgliteFolder(dir);
    expect(readFileSync(lockFileOf(dir), "utf8").trim()).toBe(String(process.pid));
    expect(() => lockPgliteFolder(dir)).toThrow(PgliteFolderInUseError);
    expect(() => lockPgliteFolder(dir)).toThrow(`in use by process ${process.pid}`);
    lock.release();
    expect(existsSync(lockFileOf(dir))).toBe(false);
    lockPgliteFolder(dir).release();
  });

  it("names the running process that holds it", async () => {
    const dir = folder();
    const owner = await otherProcess(true);
    try {
      writeFileSync(lockFileOf(dir), `${owner.pid}\n`);
      expect(() => lockPgliteFolder(dir)).toThrow(`in use by process ${owner.pid}`);
      expect(readFileSync(lockFileOf(dir), "utf8").trim()).toBe(String(owner.pid));
    } finally {
      await owner.stop();
    }
  });

  it("takes over a lock whose process no longer runs", async () => {
    const dir = folder();
    const gone = await otherProcess(false);
    writeFileSync(lockFileOf(dir), `${gone.pid}\n`);
    const lock = lockPgliteFolder(dir);
    expect(readFileSync(lockFileOf(dir), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over an unreadable lock, and needs nothing for an in-memory database", () => {
    const dir = folder();
    writeFileSync(lockFileOf(dir), "");
    lockPgliteFolder(dir).release();
    lockPgliteFolder(null).release();
  });
});
