import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { isValidLocalDate, localTimeOf } from "@marquee/domain";
import { useTRPC } from "../trpc";
import { Button, formatLocalDate, formatMoney, Skeleton, TextField } from "../ui";
import { CancelBookingDialog } from "./CancelBookingDialog";
import { useCinemaInfo } from "./cinema";
import { useDebounced } from "./hooks";
import { EmptyState, ErrorAlert, PageHeader, SelectField, StatusBadge } from "./kit";

const STATUSES = ["CONFIRMED", "HELD", "CANCELLED", "EXPIRED"] as const;
type Status = (typeof STATUSES)[number];
const PAGE_SIZE = 25;

export function BookingsPage() {
  const trpc = useTRPC();
  const { info } = useCinemaInfo();
  const [date, setDate] = useState("");
  const [status, setStatus] = useState<Status | "">("");
  const [showtimeId, setShowtimeId] = useState("");
  const [code, setCode] = useState("");
  const [email, setEmail] = useState("");
  const search = useDebounced({ code: code.trim(), email: email.trim() });
  const [cancelling, setCancelling] = useState<{
    id: string;
    code: string;
    guest: string | null;
  } | null>(null);
  // Cursors of the pages before the current one: "Previous" pops, "Next" pushes.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const validDate = isValidLocalDate(date) ? date : undefined;

  const showtimes = useQuery({
    ...trpc.showtime.list.queryOptions({ date: validDate, includeCancelled: true, limit: 100 }),
    enabled: validDate !== undefined,
  });
  const bookings = useQuery({
    ...trpc.reservation.list.queryOptions({
      date: validDate,
      status: status || undefined,
      showtimeId: showtimeId || undefined,
      code: search.code.length >= 4 ? search.code : undefined,
      email: search.email || undefined,
      cursor,
      limit: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const resetPages = () => setCursors([undefined]);
  const timeZone = info?.timeZone ?? "UTC";

  return (
    <div className="space-y-6">
      <PageHeader title="Bookings" description="Every reservation, newest first." />
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Filter bookings"
        onSubmit={(e) => e.preventDefault()}
      >
        <TextField
          label="Booking code"
          value={code}
          placeholder="K7QF-2M9X"
          autoComplete="off"
          onChange={(e) => {
            setCode(e.target.value);
            resetPages();
          }}
        />
        <TextField
          label="Guest e-mail"
          value={email}
          type="search"
          autoComplete="off"
          onChange={(e) => {
            setEmail(e.target.value);
            resetPages();
          }}
        />
        <TextField
          label="Show date"
          type="date"
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setShowtimeId("");
            resetPages();
          }}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Status | "");
            resetPages();
          }}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Showtime"
          value={showtimeId}
          disabled={!validDate}
          title={validDate ? undefined : "Pick a date to choose one of its showtimes"}
          onChange={(e) => {
            setShowtimeId(e.target.value);
            resetPages();
          }}
        >
          <option value="">{validDate ? "All showtimes that day" : "Pick a date first"}</option>
          {(showtimes.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.localTime} {s.movie.title} · {s.hall.name}
              {s.status === "CANCELLED" ? " (cancelled)" : ""}
            </option>
          ))}
        </SelectField>
        {(date || status || showtimeId || code || email) && (
          <Button
            variant="ghost"
            onClick={() => {
              setDate("");
              setStatus("");
              setShowtimeId("");
              setCode("");
              setEmail("");
              resetPages();
            }}
          >
            Clear filters
          </Button>
        )}
      </form>

      {bookings.isPending ? (
        <div role="status" aria-label="Loading bookings" className="space-y-1">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : bookings.isError ? (
        <ErrorAlert error={bookings.error} title="The bookings could not be loaded" />
      ) : bookings.data.items.length === 0 ? (
        <EmptyState title="No bookings match">Try other filters.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-zinc-800">
          <table className="w-full min-w-[52rem] text-left text-sm">
            <caption className="sr-only">Bookings</caption>
            <thead className="bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Code
                </th>
                <th scope="col" className="px-3 py-2">
                  Guest
                </th>
                <th scope="col" className="px-3 py-2">
                  Film
                </th>
                <th scope="col" className="px-3 py-2">
                  Show (local)
                </th>
                <th scope="col" className="px-3 py-2">
                  Seats
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Total
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody
              className={bookings.isPlaceholderData ? "opacity-60" : undefined}
              aria-busy={bookings.isPlaceholderData || undefined}
            >
              {bookings.data.items.map((r) => (
                <tr key={r.id} className="border-t border-zinc-800">
                  <td className="px-3 py-2 font-mono">{r.code}</td>
                  <td className="px-3 py-2">
                    {r.user ? r.user.email : <span className="text-zinc-400">deleted account</span>}
                  </td>
                  <td className="px-3 py-2">
                    {r.showtime.movie.title}
                    <span className="block text-xs text-zinc-400">{r.showtime.hall.name}</span>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {formatLocalDate(r.showtime.localDate)}{" "}
                    {localTimeOf(new Date(r.showtime.startsAt), timeZone)}
                  </td>
                  <td className="px-3 py-2">{r.seats.map((s) => s.label).join(", ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatMoney(r.total, r.currency)}
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2 text-right">
                    {(r.status === "CONFIRMED" || r.status === "HELD") && (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() =>
                          setCancelling({ id: r.id, code: r.code, guest: r.user?.email ?? null })
                        }
                      >
                        Cancel<span className="sr-only"> booking {r.code}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CancelBookingDialog booking={cancelling} onClose={() => setCancelling(null)} />
      {bookings.data && (cursors.length > 1 || bookings.data.nextCursor) && (
        <nav aria-label="Pages" className="flex items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={cursors.length <= 1}
            onClick={() => setCursors((c) => c.slice(0, -1))}
          >
            Previous
          </Button>
          <span className="text-sm text-zinc-400">Page {cursors.length}</span>
          <Button
            variant="secondary"
            size="sm"
            disabled={!bookings.data.nextCursor || bookings.isPlaceholderData}
            onClick={() => {
              const next = bookings.data.nextCursor;
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
