import { cx } from "./cx";

/** A pulsing placeholder block; size it with className (e.g. "h-4 w-32"). */
export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      aria-hidden
      className={cx("rounded-md bg-zinc-800 motion-safe:animate-pulse", className)}
    />
  );
}

/** A labelled loading region: screen readers hear `label`, sighted users see skeletons. */
export function Loading({
  label = "Loading…",
  children,
}: {
  label?: string;
  children: React.ReactNode;
}) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
