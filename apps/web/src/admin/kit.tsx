// Small admin-only building blocks on top of the shared ui/ primitives.
import { AlertTriangle, Inbox } from "lucide-react";
import { type ComponentProps, type ReactNode, useId } from "react";
import { cx, errorInfo, type ApiErrorInfo } from "../ui";

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {description && <p className="mt-1 text-sm text-zinc-400">{description}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed border-zinc-700 px-6 py-10 text-center">
      <Inbox className="size-8 text-zinc-400" aria-hidden />
      <p className="font-semibold text-zinc-200">{title}</p>
      {children && <div className="text-sm text-zinc-400">{children}</div>}
    </div>
  );
}

/** An API error (or any message) shown where it happened, announced to screen readers. */
export function ErrorAlert({
  error,
  title,
  children,
  className,
}: {
  error?: unknown;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  const message = error === undefined ? null : errorInfo(error).message;
  return (
    <div
      role="alert"
      className={cx(
        "flex gap-3 rounded-lg border border-rose-800 bg-rose-950/60 px-4 py-3 text-sm text-rose-100",
        className,
      )}
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0 text-rose-400" aria-hidden />
      <div className="space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {message && <p>{message}</p>}
        {children}
      </div>
    </div>
  );
}

/**
 * Messages for one form field: the API's zod field errors, plus a domain error that names
 * the field in its details (e.g. { field: "startsAt" }).
 */
export function fieldMessages(info: ApiErrorInfo | null, field: string): string[] {
  if (!info) return [];
  const messages = [...(info.fieldErrors[field] ?? [])];
  if (info.details?.field === field && messages.length === 0) messages.push(info.message);
  return messages;
}

/** Whether an error's message is already shown next to a field (so not again on top). */
export function shownAtField(info: ApiErrorInfo | null, fields: readonly string[]): boolean {
  if (!info) return false;
  const field = info.details?.field;
  if (field !== undefined && fields.includes(field)) return true;
  return (
    info.formErrors.length === 0 &&
    Object.keys(info.fieldErrors).length > 0 &&
    Object.keys(info.fieldErrors).every((f) => fields.includes(f))
  );
}

const controlClass =
  "rounded-lg border bg-zinc-900 px-3 text-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-300";

export function SelectField({
  label,
  error,
  className,
  children,
  ...props
}: Omit<ComponentProps<"select">, "id"> & {
  label: string;
  error?: readonly string[] | null;
}) {
  const id = useId();
  const messages = error ?? [];
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-200">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={messages.length > 0 ? `${id}-error` : undefined}
        className={cx(
          controlClass,
          // A long option must not widen the form past a phone's screen.
          "h-11 w-full min-w-0",
          messages.length > 0 ? "border-rose-500" : "border-zinc-700 hover:border-zinc-500",
        )}
        {...props}
      >
        {children}
      </select>
      {messages.length > 0 && (
        <p id={`${id}-error`} className="text-sm text-rose-400">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...props
}: Omit<ComponentProps<"textarea">, "id"> & {
  label: string;
  hint?: string;
  error?: readonly string[] | null;
}) {
  const id = useId();
  const messages = error ?? [];
  const describedBy = [hint ? `${id}-hint` : null, messages.length > 0 ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-200">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={describedBy || undefined}
        className={cx(
          controlClass,
          "py-2",
          messages.length > 0 ? "border-rose-500" : "border-zinc-700 hover:border-zinc-500",
        )}
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-400">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={`${id}-error`} className="text-sm text-rose-400">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <section className={cx("rounded-xl border border-zinc-800 bg-zinc-900/60 p-4", className)}>
      {children}
    </section>
  );
}

const statusTone: Record<string, string> = {
  CONFIRMED: "border-emerald-700 bg-emerald-950 text-emerald-200",
  HELD: "border-amber-700 bg-amber-950 text-amber-200",
  CANCELLED: "border-rose-800 bg-rose-950 text-rose-200",
  EXPIRED: "border-zinc-700 bg-zinc-900 text-zinc-400",
  SCHEDULED: "border-sky-800 bg-sky-950 text-sky-200",
  ADMIN: "border-amber-700 bg-amber-950 text-amber-200",
  USER: "border-zinc-700 bg-zinc-900 text-zinc-300",
};

/** A status word in a pill; the word itself carries the meaning, colour only helps. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={cx(
        "inline-flex rounded-full border px-2 py-0.5 text-xs font-semibold tracking-wide",
        statusTone[status] ?? statusTone.USER,
      )}
    >
      {status.charAt(0) + status.slice(1).toLowerCase()}
    </span>
  );
}
