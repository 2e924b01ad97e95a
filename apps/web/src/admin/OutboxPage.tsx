// The outbox: every mail Marquee wrote (sent, waiting or given up), rendered. Without SMTP_URL
// this is where mails can be read.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc";
import { Button, Skeleton } from "../ui";
import { EmptyState, ErrorAlert, PageHeader, SelectField, StatusBadge } from "./kit";

const STATUSES = ["PENDING", "SENT", "FAILED"] as const;
type Status = (typeof STATUSES)[number];

export function OutboxPage() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | "">("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const mails = useQuery({
    ...trpc.outbox.list.queryOptions({
      status: status || undefined,
      cursor: cursors.at(-1),
      limit: 20,
    }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Outbox"
        description="Mails to guests, newest first. Without SMTP_URL they wait here, unsent."
      />
      <SelectField
        label="Status"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value as Status | "");
          setCursors([undefined]);
        }}
      >
        <option value="">Any status</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {{ PENDING: "Waiting", SENT: "Sent", FAILED: "Given up" }[s]}
          </option>
        ))}
      </SelectField>
      {mails.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : mails.isError ? (
        <ErrorAlert error={mails.error} title="The outbox could not be loaded" />
      ) : mails.data.items.length === 0 ? (
        <EmptyState title="No mails">
          Bookings, cancellations and reset requests write here.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Mails">
          {mails.data.items.map((m) => (
            <li key={m.id} className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-4">
              <div className="flex flex-wrap items-center gap-2">
                <StatusBadge status={m.status} />
                <span className="font-semibold">{m.subject}</span>
              </div>
              <p className="mt-1 text-sm text-zinc-400">
                To {m.recipient} · written {new Date(m.createdAt).toLocaleString()} ·{" "}
                {m.sentAt
                  ? `sent ${new Date(m.sentAt).toLocaleString()}`
                  : `${m.attempts} attempt(s)`}
              </p>
              {m.lastError && (
                <p className="mt-1 text-sm text-rose-300">Last error: {m.lastError}</p>
              )}
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-amber-300">Read the mail</summary>
                <pre className="mt-2 text-sm whitespace-pre-wrap text-zinc-200">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {mails.data && (cursors.length > 1 || mails.data.nextCursor) && (
        <nav aria-label="Pages" className="flex items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Previous
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!mails.data.nextCursor || mails.isPlaceholderData}
            onClick={() => {
              const next = mails.data.nextCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Next
          </Button>
        </nav>
      )}
    </div>
  );
}
