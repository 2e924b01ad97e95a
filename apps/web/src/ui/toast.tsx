// Toasts without putting sonner (≈ 10 KB gzipped) in the first page's JavaScript: the
// library and its <Toaster> load on the first toast, which is shown once the Toaster has
// mounted (a toast sent before its Toaster subscribes would be lost).
import { lazy, Suspense, useEffect, useSyncExternalStore } from "react";
import type * as SonnerModule from "sonner";
import type { ExternalToast } from "sonner";

type Sonner = typeof SonnerModule;
type Kind = "success" | "error" | "info" | "warning";

let wanted = false;
const listeners = new Set<() => void>();
let markMounted: (sonner: Sonner) => void = () => undefined;
const mounted = new Promise<Sonner>((resolve) => (markMounted = resolve));

function want(): void {
  if (wanted) return;
  wanted = true;
  for (const listener of listeners) listener();
}

function send(kind: Kind, message: string, options?: ExternalToast): void {
  want();
  void mounted.then((sonner) => sonner.toast[kind](message, options));
}

export const toast = {
  success: (message: string, options?: ExternalToast) => send("success", message, options),
  error: (message: string, options?: ExternalToast) => send("error", message, options),
  info: (message: string, options?: ExternalToast) => send("info", message, options),
  warning: (message: string, options?: ExternalToast) => send("warning", message, options),
};

const LazyToaster = lazy(async () => {
  const sonner = await import("sonner");
  function ReadyToaster() {
    // Child effects run first: the Toaster has subscribed when this one runs.
    useEffect(() => markMounted(sonner), []);
    return <sonner.Toaster theme="dark" position="top-center" richColors closeButton />;
  }
  return { default: ReadyToaster };
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where toasts appear; renders nothing (and loads nothing) until the first toast. */
export function ToastHost() {
  const show = useSyncExternalStore(subscribe, () => wanted);
  return show ? (
    <Suspense fallback={null}>
      <LazyToaster />
    </Suspense>
  ) : null;
}
