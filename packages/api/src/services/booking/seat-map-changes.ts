// showtime.seatMapChanges: a live seat map. The first event is the full map; every later one
// names the seats that changed and their new states, under a tracked id ('<epoch>.<version>')
// so a client reconnecting with it gets exactly the changes it missed, or a full map when
// they are no longer kept.
import { tracked } from "@trpc/server";
import { type SeatMap, type SeatState } from "@marquee/domain";
import { type Context } from "../../context";
import { AppError, toTRPCError } from "../../errors";
import { type FeedSubscriber, type SeatMapChange } from "./seat-map-feed";

/** What the subscription sends, told apart by `type`. `at`: when the server saw it (ISO). */
export type SeatMapEvent =
  | { type: "map"; version: number; at: string; map: SeatMap }
  | {
      type: "changes";
      version: number;
      at: string;
      onSale: boolean;
      seats: { id: string; state: SeatState }[];
    };

/** The event everyone without seats in a change gets: computed once per change. */
const shared = new WeakMap<SeatMapChange, SeatMapEvent>();

/** A change as one viewer sees it: their own seats read MINE; owners are never sent. */
export function forViewer(change: SeatMapChange, userId: string | null): SeatMapEvent {
  const personal = userId !== null && change.seats.some((s) => s.owner === userId);
  if (!personal) {
    let event = shared.get(change);
    if (!event) {
      event = build(change, null);
      shared.set(change, event);
    }
    return event;
  }
  return build(change, userId);
}

function build(change: SeatMapChange, userId: string | null): SeatMapEvent {
  return {
    type: "changes",
    version: change.version,
    at: change.at.toISOString(),
    onSale: change.onSale,
    seats: change.seats.map((s) => ({
      id: s.id,
      state: userId !== null && s.owner === userId ? "MINE" : s.state,
    })),
  };
}

/** The full-map event for what a subscriber's `map()` gave. */
export function mapEvent(full: ReturnType<FeedSubscriber["map"]>): SeatMapEvent {
  return { type: "map", version: full.version, at: full.at.toISOString(), map: full.map };
}

export async function* seatMapChanges(
  deps: Pick<Context, "user" | "seatMapFeed">,
  input: { showtimeId: string; lastEventId?: string | undefined },
  signal?: AbortSignal,
) {
  const feed = deps.seatMapFeed;
  if (!feed) {
    throw toTRPCError(new AppError("UNAVAILABLE", "Live seat maps are not available here"));
  }
  const userId = deps.user?.id ?? null;
  // Opened here, inside the generator, so a stream that is refused before it starts
  // (the host's cap) never registers a viewer.
  let sub: FeedSubscriber | null;
  try {
    sub = await feed.open({ showtimeId: input.showtimeId, userId, lastEventId: input.lastEventId });
  } catch {
    throw toTRPCError(new AppError("UNAVAILABLE", "The seat map cannot be read right now"));
  }
  if (!sub) throw toTRPCError(new AppError("NOT_FOUND", "No such showtime"));
  try {
    let sent = 0;
    for (;;) {
      const item = await sub.next(signal);
      if (!item) return;
      if (item.kind === "gone") {
        throw toTRPCError(new AppError("NOT_FOUND", "This showtime no longer exists"));
      }
      if (item.kind === "map") {
        const full = sub.map();
        sent = full.version;
        yield tracked(`${full.epoch}.${full.version}`, mapEvent(full));
      } else if (item.change.version > sent) {
        // Changes already folded into a full map sent before them are skipped.
        sent = item.change.version;
        yield tracked(`${sub.epoch}.${sent}`, forViewer(item.change, userId));
      }
    }
  } finally {
    sub.close();
  }
}
