// One process per PGlite folder. PGlite has no postmaster.pid of its own, and two processes
// writing one folder corrupt it, so the second must refuse to start. The lock is a file
// beside the folder (inside it, PGlite could take it for part of the data directory) that
// holds the owner's pid. A lock whose process no longer runs (killed, crashed) is stale and
// taken over, so a SIGKILL never leaves the folder unusable.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export class PgliteFolderInUseError extends Error {}

export type FolderLock = { release(): void };

/** Lock files this process holds: released on exit, refused to a second opener here. */
const held = new Set<string>();
let exitHookInstalled = false;

export function lockFileOf(dataDir: string): string {
  return `${dataDir}.lock`;
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function inUse(dataDir: string, pid: number): PgliteFolderInUseError {
  const file = lockFileOf(dataDir);
  return new PgliteFolderInUseError(
    `the PGlite folder ${dataDir} is in use by process ${pid} (lock file ${file}); PGlite ` +
      "allows one process per folder: stop that process, or use PostgreSQL to run several. " +
      `If process ${pid} is not Marquee, delete ${file}.`,
  );
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** Takes the folder's lock or throws PgliteFolderInUseError naming the owner's pid. */
export function lockPgliteFolder(dataDir: string | null): FolderLock {
  if (dataDir === null) return { release: () => {} };
  const file = lockFileOf(dataDir);
  if (held.has(file)) throw inUse(dataDir, process.pid);
  // The pid is written to a private file first and linked into place: link() is atomic and
  // fails if the lock exists, so nobody ever reads a lock without its pid.
  const mine = `${file}.${process.pid}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(mine, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        linkSync(mine, file);
        held.add(file);
        installExitHook();
        return { release: () => release(file) };
      } catch (error) {
        if (code(error) !== "EEXIST") throw error;
      }
      const owner = ownerOf(file);
      // Our own pid in a lock we do not hold: left by an earlier run (pid 1 in a container).
      if (owner !== null && owner !== process.pid && isRunning(owner)) throw inUse(dataDir, owner);
      takeOverStale(file, owner);
    }
    throw new PgliteFolderInUseError(`could not take the lock ${file} of ${dataDir}`);
  } finally {
    unlinkSync(mine);
  }
}

/**
 * Moves the stale lock aside under a private name (rename is atomic: only one process gets
 * it), then checks what was moved. If another starter had meanwhile replaced the stale lock
 * with a live one, it is put back, and the next attempt reports that owner.
 */
function takeOverStale(file: string, staleOwner: number | null): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (code(error) === "ENOENT") return; // someone else moved it: try again
    throw error;
  }
  const moved = ownerOf(aside);
  if (moved !== staleOwner && moved !== null && isRunning(moved)) {
    try {
      linkSync(aside, file);
    } catch (error) {
      if (code(error) !== "EEXIST") throw error;
    }
  }
  unlinkSync(aside);
}

function release(file: string): void {
  if (!held.delete(file)) return;
  // Only our own: never remove a lock another process took over after a stale check.
  if (ownerOf(file) === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
}

/** Exits that skip close() (process.exit on a start-up failure) still free the folder. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const file of [...held]) release(file);
  });
}
