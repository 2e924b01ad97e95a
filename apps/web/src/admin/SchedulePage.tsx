import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { toast } from "../ui/toast";
import { addLocalDays, isValidLocalDate, localTimeOf } from "@marquee/domain";
import { useTRPC } from "../trpc";
import {
  Button,
  ConfirmDialog,
  Dialog,
  errorInfo,
  formatLocalDate,
  formatMoney,
  Skeleton,
} from "../ui";
import { useCinemaInfo } from "./cinema";
import { Card, EmptyState, ErrorAlert, PageHeader, StatusBadge, TextAreaField } from "./kit";
import { ShowtimeForm, type SlotPick } from "./ShowtimeForm";
import { Timeline, type Showtime } from "./Timeline";

export function SchedulePage() {
  const { info, error } = useCinemaInfo();
  const [params, setParams] = useSearchParams();
  const asked = params.get("date");
  const day = asked && isValidLocalDate(asked) ? asked : (info?.today ?? null);
  const setDay = (date: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set("date", date);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Schedule"
        description={
          info
            ? `Cinema-local days (${info.timeZone}); each showtime is followed by a ${info.cleaningMinutes}-minute cleaning break.`
            : "Cinema-local days"
        }
        actions={
          day && (
            <div className="flex items-center gap-1">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setDay(addLocalDays(day, -1))}
                aria-label="Previous day"
              >
                <ChevronLeft className="size-4" aria-hidden />
              </Button>
              <label className="sr-only" htmlFor="schedule-day">
                Day
              </label>
              <input
                id="schedule-day"
                type="date"
                value={day}
                onChange={(e) => isValidLocalDate(e.target.value) && setDay(e.target.value)}
                className="h-8 rounded-lg border border-zinc-700 bg-zinc-900 px-2 text-sm focus-visible:outline-2 focus-visible:outline-amber-300"
              />
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setDay(addLocalDays(day, 1))}
                aria-label="Next day"
              >
                <ChevronRight className="size-4" aria-hidden />
              </Button>
              {info && day !== info.today && (
                <Button variant="ghost" size="sm" onClick={() => setDay(info.today)}>
                  Today
                </Button>
              )}
            </div>
          )
        }
      />
      {error !== null && error !== undefined ? (
        <ErrorAlert error={error} title="The cinema's settings could not be loaded" />
      ) : !info || !day ? (
        <Skeleton className="h-64 w-full" />
      ) : (
        <ScheduleDay
          day={day}
          setDay={setDay}
          timeZone={info.timeZone}
          currency={info.currency}
          cleaningMinutes={info.cleaningMinutes}
        />
      )}
    </div>
  );
}

function ScheduleDay({
  day,
  setDay,
  timeZone,
  currency,
  cleaningMinutes,
}: {
  day: string;
  setDay: (day: string) => void;
  timeZone: string;
  currency: string;
  cleaningMinutes: number;
}) {
  const trpc = useTRPC();
  const halls = useQuery(trpc.hall.list.queryOptions());
  const showtimes = useQuery(
    trpc.showtime.list.queryOptions({ date: day, includeCancelled: true, limit: 100 }),
  );
  const movies = useQuery(trpc.movie.list.queryOptions({ limit: 100 }));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [pick, setPick] = useState<SlotPick | null>(null);
  const items = showtimes.data?.items ?? [];
  const selected = items.find((s) => s.id === selectedId) ?? null;

  return (
    <div className="space-y-6">
      <section aria-labelledby="timeline-title" className="space-y-2">
        <h2 id="timeline-title" className="text-lg font-semibold">
          {formatLocalDate(day, "long")}
          {showtimes.data && (
            <span className="ml-2 text-sm font-normal text-zinc-400">
              {items.filter((s) => s.status === "SCHEDULED").length} showtimes
            </span>
          )}
        </h2>
        {halls.isPending || showtimes.isPending ? (
          <div role="status" aria-label="Loading the schedule" className="space-y-1">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-20 w-full" />
            ))}
          </div>
        ) : halls.isError || showtimes.isError ? (
          <ErrorAlert
            error={halls.error ?? showtimes.error}
            title="The schedule could not be loaded"
          />
        ) : halls.data.length === 0 ? (
          <EmptyState title="No halls yet">
            Create a hall first, then schedule showtimes in it.
          </EmptyState>
        ) : (
          <>
            <Timeline
              day={day}
              timeZone={timeZone}
              halls={halls.data}
              showtimes={items}
              selectedId={selectedId}
              onSelect={(s) => setSelectedId(s.id)}
              onPickSlot={(hallId, localTime) => {
                setSelectedId(null);
                setPick({ hallId, localTime, nonce: Date.now() });
              }}
            />
            {items.length === 0 && (
              <p className="text-sm text-zinc-400">
                Nothing scheduled on this day yet. Click a lane or use the form below.
              </p>
            )}
            {showtimes.data.nextCursor && (
              <p className="text-sm text-amber-300">
                More than 100 showtimes on this day; only the first 100 are shown.
              </p>
            )}
          </>
        )}
      </section>

      {halls.data && halls.data.length > 0 && (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <Card>
            <h2 className="mb-4 text-lg font-bold">New showtime</h2>
            {movies.isError ? (
              <ErrorAlert error={movies.error} title="The films could not be loaded" />
            ) : (
              <ShowtimeForm
                showtime={null}
                day={day}
                timeZone={timeZone}
                currency={currency}
                cleaningMinutes={cleaningMinutes}
                movies={movies.data?.items ?? []}
                halls={halls.data}
                pick={pick}
                onSaved={(s) => {
                  if (s.localDate !== day) setDay(s.localDate);
                  setSelectedId(s.id);
                }}
                onShowConflict={(id, date) => {
                  setDay(date);
                  setSelectedId(id);
                }}
              />
            )}
          </Card>
          <Card>
            {selected ? (
              <SelectedShowtime
                key={selected.id}
                showtime={selected}
                timeZone={timeZone}
                currency={currency}
                cleaningMinutes={cleaningMinutes}
                movies={movies.data?.items ?? []}
                halls={halls.data}
                onClose={() => setSelectedId(null)}
                onMoved={(s) => {
                  if (s.localDate !== day) setDay(s.localDate);
                }}
                onShowConflict={(id, date) => {
                  setDay(date);
                  setSelectedId(id);
                }}
              />
            ) : (
              <div className="py-6 text-center text-sm text-zinc-400">
                Select a showtime on the timeline to reschedule, cancel or delete it.
              </div>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}

function SelectedShowtime({
  showtime,
  timeZone,
  currency,
  cleaningMinutes,
  movies,
  halls,
  onClose,
  onMoved,
  onShowConflict,
}: {
  showtime: Showtime;
  timeZone: string;
  currency: string;
  cleaningMinutes: number;
  movies: readonly { id: string; title: string; durationMinutes: number }[];
  halls: readonly { id: string; name: string }[];
  onClose: () => void;
  onMoved: (s: Showtime) => void;
  onShowConflict: (id: string, date: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit">("view");
  const [cancelOpen, setCancelOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [reason, setReason] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.showtime.pathKey() });
  const cancel = useMutation(
    trpc.showtime.cancel.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `Cancelled “${result.movie.title}” at ${result.localTime}` +
            (result.cancelledReservations > 0
              ? `; ${result.cancelledReservations} reservation(s) cancelled`
              : ""),
        );
        setCancelOpen(false);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.showtime.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Deleted “${showtime.movie.title}” at ${showtime.localTime}`);
        setDeleteOpen(false);
        onClose();
        await refresh();
      },
    }),
  );
  const cancelled = showtime.status === "CANCELLED";
  const taken = showtime.capacity - showtime.seatsAvailable;
  const reasonErrors = cancel.error ? (errorInfo(cancel.error).fieldErrors.reason ?? []) : [];

  if (mode === "edit") {
    return (
      <>
        <h2 className="mb-4 text-lg font-bold">Reschedule “{showtime.movie.title}”</h2>
        <ShowtimeForm
          showtime={showtime}
          day={showtime.localDate}
          timeZone={timeZone}
          currency={currency}
          cleaningMinutes={cleaningMinutes}
          movies={movies}
          halls={halls}
          onSaved={(s) => {
            setMode("view");
            onMoved(s);
          }}
          onShowConflict={onShowConflict}
          onCancelEdit={() => setMode("view")}
        />
      </>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-lg font-bold">{showtime.movie.title}</h2>
          <p className="text-sm text-zinc-300">
            {formatLocalDate(showtime.localDate)} · {showtime.localTime}–
            {localTimeOf(new Date(showtime.endsAt), timeZone)} · {showtime.hall.name}
          </p>
        </div>
        <StatusBadge status={showtime.status} />
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <dt className="text-zinc-400">Hall free again</dt>
        <dd>{localTimeOf(new Date(showtime.busyUntil), timeZone)}</dd>
        <dt className="text-zinc-400">Seats booked or held</dt>
        <dd>
          {taken} of {showtime.capacity}
        </dd>
        <dt className="text-zinc-400">Prices</dt>
        <dd>
          {formatMoney(showtime.prices.STANDARD, showtime.currency)} standard
          {showtime.prices.PREMIUM !== showtime.prices.STANDARD &&
            `, ${formatMoney(showtime.prices.PREMIUM, showtime.currency)} premium`}
        </dd>
        {cancelled && (
          <>
            <dt className="text-zinc-400">Cancelled because</dt>
            <dd>{showtime.cancelledReason}</dd>
          </>
        )}
      </dl>
      {!cancelled && (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setMode("edit")}>
            Reschedule
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              cancel.reset();
              setCancelOpen(true);
            }}
          >
            Cancel showtime…
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              remove.reset();
              setDeleteOpen(true);
            }}
          >
            Delete…
          </Button>
        </div>
      )}
      <Dialog
        open={cancelOpen}
        onOpenChange={setCancelOpen}
        title={`Cancel “${showtime.movie.title}” at ${showtime.localTime}?`}
        description={
          taken > 0
            ? `${taken} seat(s) are booked or held; those reservations are cancelled too and the guests see your reason.`
            : "Nobody has booked yet. Guests will see the showtime as cancelled."
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate({ id: showtime.id, reason });
          }}
          className="space-y-4"
        >
          <TextAreaField
            label="Reason (shown to guests)"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonErrors}
            required
          />
          {cancel.isError && reasonErrors.length === 0 && <ErrorAlert error={cancel.error} />}
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() => setCancelOpen(false)}
              disabled={cancel.isPending}
            >
              Keep it
            </Button>
            <Button
              type="submit"
              variant="danger"
              loading={cancel.isPending}
              disabled={reason.trim() === ""}
            >
              Cancel showtime
            </Button>
          </div>
        </form>
      </Dialog>
      <ConfirmDialog
        open={deleteOpen}
        onOpenChange={setDeleteOpen}
        title={`Delete “${showtime.movie.title}” at ${showtime.localTime}?`}
        description={
          <>
            Only a showtime that never had a reservation can be deleted; otherwise cancel it.
            {remove.isError && (
              <span className="mt-3 block" role="alert">
                <strong className="text-rose-300">Not deleted: </strong>
                {errorInfo(remove.error).message}
              </span>
            )}
          </>
        }
        confirmLabel="Delete showtime"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id: showtime.id })}
      />
    </div>
  );
}
