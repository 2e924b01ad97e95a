import { type ComponentProps, useId } from "react";
import { cx } from "./cx";

export type TextFieldProps = Omit<ComponentProps<"input">, "id"> & {
  label: string;
  /** Message(s) shown under the field; also marks the input invalid. */
  error?: string | readonly string[] | null;
  hint?: string;
  id?: string;
  /** The id of an error shown elsewhere (e.g. a form's clash box): marks the input invalid. */
  invalidBy?: string | null;
};

export function TextField({
  label,
  error,
  hint,
  id,
  invalidBy,
  className,
  ...props
}: TextFieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const messages = error == null ? [] : typeof error === "string" ? [error] : error;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [hint ? hintId : null, messages.length > 0 ? errorId : null, invalidBy]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={cx("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-zinc-200">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={messages.length > 0 || Boolean(invalidBy) || undefined}
        aria-describedby={describedBy || undefined}
        className={cx(
          "h-11 rounded-lg border bg-zinc-900 px-3 text-zinc-100 placeholder:text-zinc-400",
          "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-300",
          messages.length > 0 ? "border-rose-500" : "border-zinc-700 hover:border-zinc-500",
        )}
        {...props}
      />
      {hint && (
        <p id={hintId} className="text-xs text-zinc-400">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={errorId} className="text-sm text-rose-400">
          {messages.join(" ")}
        </p>
      )}
    </div>
  );
}
