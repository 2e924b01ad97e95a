// Toasts as live regions: a message is announced (politely, or assertively for errors) and
// shown for a while, but never takes part in keyboard navigation. Nothing in a toast can
// be focused, so Tab never lands in one (and never bounces between a toast and the page's
// last control); a pointer click on a toast dismisses it. The regions are always in the
// page, empty, so screen readers announce what is added to them.
import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { useEffect, useState, useSyncExternalStore } from "react";
import { cx } from "./cx";

export type ToastKind = "success" | "error" | "info" | "warning";
export type ToastOptions = {
  /** A toast with the id of one on screen replaces it (e.g. "session"). */
  id?: string;
  /** How long it stays, in milliseconds. */
  duration?: number;
};
export type ToastItem = { id: string; kind: ToastKind; message: string; duration: number };

const DURATION: Record<ToastKind, number> = {
  success: 6_000,
  info: 6_000,
  warning: 10_000,
  error: 10_000,
};
/** At most this many on screen; the oldest go first. */
const MAX_SHOWN = 3;

let items: readonly ToastItem[] = [];
let counter = 0;
const listeners = new Set<() => void>();

function publish(next: readonly ToastItem[]): void {
  items = next;
  for (const listener of listeners) listener();
}

function send(kind: ToastKind, message: string, options: ToastOptions = {}): string {
  counter += 1;
  const id = options.id ?? `toast-${counter}`;
  const item = { id, kind, message, duration: options.duration ?? DURATION[kind] };
  publish([...items.filter((t) => t.id !== id), item].slice(-MAX_SHOWN));
  return id;
}

export function dismissToast(id?: string): void {
  publish(id === undefined ? [] : items.filter((t) => t.id !== id));
}

export const toast = {
  success: (message: string, options?: ToastOptions) => send("success", message, options),
  error: (message: string, options?: ToastOptions) => send("error", message, options),
  info: (message: string, options?: ToastOptions) => send("info", message, options),
  warning: (message: string, options?: ToastOptions) => send("warning", message, options),
};

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The toasts on screen now (for the host, and for tests). */
export function useToasts(): readonly ToastItem[] {
  return useSyncExternalStore(
    subscribe,
    () => items,
    () => items,
  );
}

const ICON = { success: CircleCheck, error: CircleAlert, info: Info, warning: TriangleAlert };
const TONE: Record<ToastKind, string> = {
  success: "border-emerald-700 bg-emerald-950 text-emerald-100",
  error: "border-rose-700 bg-rose-950 text-rose-100",
  info: "border-sky-700 bg-sky-950 text-sky-100",
  warning: "border-amber-700 bg-amber-950 text-amber-100",
};

function Toast({ item }: { item: ToastItem }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => dismissToast(item.id), item.duration);
    return () => clearTimeout(timer);
  }, [item, paused]);
  const Icon = ICON[item.kind];
  return (
    // Pointer-only dismissal on purpose: a focusable toast would join the Tab order.
    <div
      data-toast={item.kind}
      className={cx(
        "pointer-events-auto flex w-full max-w-sm items-start gap-2 rounded-xl border px-4 py-3 text-sm shadow-xl",
        TONE[item.kind],
      )}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onClick={() => dismissToast(item.id)}
    >
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{item.message}</span>
    </div>
  );
}

/**
 * Where toasts appear: two live regions (errors assertive), at the top of the screen. Plain
 * aria-live regions, no status/alert role: the page's own alerts stay the only ones.
 */
export function ToastHost() {
  const shown = useToasts();
  const urgent = shown.filter((t) => t.kind === "error");
  const polite = shown.filter((t) => t.kind !== "error");
  const region = "pointer-events-none flex w-full flex-col items-center gap-2";
  return (
    <div className="pointer-events-none fixed inset-x-0 top-4 z-[60] flex flex-col items-center gap-2 px-4">
      <div aria-live="polite" data-toasts="polite" className={region}>
        {polite.map((t) => (
          <Toast key={t.id} item={t} />
        ))}
      </div>
      <div aria-live="assertive" data-toasts="assertive" className={region}>
        {urgent.map((t) => (
          <Toast key={t.id} item={t} />
        ))}
      </div>
    </div>
  );
}
