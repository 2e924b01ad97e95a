// The pure half of the live feed: what counts as a change, and where a reconnect resumes.
import { describe, expect, it } from "vitest";
import { diffSlots, resumeFrom, type SeatMapChange, type Slot } from "./seat-map-state";
import { createViewerQueue } from "./viewer-queue";

const slots = (entries: [string, Slot][]) => new Map(entries);
const change = (version: number): SeatMapChange => ({
  version,
  at: new Date(0),
  onSale: true,
  seats: [],
});

describe("diffSlots", () => {
  it("reports a seat whose owner changed even when its public state did not", () => {
    const before = slots([
      ["a", { state: "HELD", owner: "u1" }],
      ["b", { state: "AVAILABLE", owner: null }],
    ]);
    const after = slots([
      ["a", { state: "HELD", owner: "u2" }],
      ["b", { state: "AVAILABLE", owner: null }],
    ]);
    expect(diffSlots(before, after)).toEqual({
      seats: [{ id: "a", state: "HELD", owner: "u2" }],
      layoutChanged: false,
    });
  });

  it("says the layout changed when a seat left the hall", () => {
    const before = slots([["a", { state: "AVAILABLE", owner: null }]]);
    expect(diffSlots(before, slots([])).layoutChanged).toBe(true);
  });
});

describe("resumeFrom", () => {
  const channel = { epoch: "E", version: 5, ring: [change(3), change(4), change(5)] };

  it("gives exactly the kept changes after the id", () => {
    expect(resumeFrom(channel, "E.3")).toEqual([change(4), change(5)]);
    expect(resumeFrom(channel, "E.2")).toEqual([change(3), change(4), change(5)]);
    expect(resumeFrom(channel, "E.5")).toEqual([]);
  });

  it("gives a full map for an id too old, from another epoch, ahead, or malformed", () => {
    for (const id of ["E.1", "F.4", "E.6", "E.", "E.x", "E.2.5", "", undefined]) {
      expect(resumeFrom(channel, id), String(id)).toBe("map");
    }
  });
});

describe("createViewerQueue", () => {
  it("hands items over in order and replaces a backlog past its cap with one full map", async () => {
    const queue = createViewerQueue([{ kind: "map" }], 3);
    queue.push({ kind: "change", change: change(2) });
    expect(await queue.next()).toEqual({ kind: "map" });
    expect(await queue.next()).toEqual({ kind: "change", change: change(2) });
    for (let v = 3; v <= 6; v += 1) queue.push({ kind: "change", change: change(v) });
    // The full map (sent at the current version) covers the changes it replaced.
    expect(await queue.next()).toEqual({ kind: "map" });
    queue.push({ kind: "change", change: change(7) });
    expect(await queue.next()).toEqual({ kind: "change", change: change(7) });
  });

  it("wakes a waiting viewer on push, and answers null once aborted or closed", async () => {
    const queue = createViewerQueue([], 3);
    const waiting = queue.next();
    queue.push({ kind: "gone" });
    expect(await waiting).toEqual({ kind: "gone" });
    const ac = new AbortController();
    const aborted = queue.next(ac.signal);
    ac.abort();
    expect(await aborted).toBeNull();
    const closing = queue.next();
    queue.close();
    expect(await closing).toBeNull();
  });
});
