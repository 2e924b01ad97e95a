/** A form-level error (not tied to one field), announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  return (
    <div role="alert" aria-live="assertive">
      {message && (
        <p className="rounded-lg border border-rose-900 bg-rose-950/50 px-3 py-2 text-sm text-rose-200">
          {message}
        </p>
      )}
    </div>
  );
}
