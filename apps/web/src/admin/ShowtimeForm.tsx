// Create or reschedule a showtime. The admin types a cinema-local date and time; the API
// wants an instant, so it is converted with the cinema's zone (never the browser's) and sent
// with that zone's offset.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { toast } from "../ui/toast";
import {
  isValidLocalDate,
  localDateTime,
  SEAT_KINDS,
  toZonedIsoString,
  type SeatKind,
} from "@marquee/domain";
import { useTRPC } from "../trpc";
import { Button, errorInfo, TextField } from "../ui";
import { minorToInput, parseMoney } from "./cinema";
import { useDebounced } from "./hooks";
import { overlapHeading, overlapLines } from "./overlap";
import { ErrorAlert, fieldMessages, SelectField, shownAtField } from "./kit";
import { type Showtime } from "./Timeline";

type OverlapInput = { hallId: string; movieId: string; startsAt: string; excludeId?: string };

export type SlotPick = { hallId: string; localTime: string; nonce: number };

type Draft = {
  movieId: string;
  hallId: string;
  localDate: string;
  localTime: string;
  prices: Record<SeatKind, string>;
};

const KIND_LABEL: Record<SeatKind, string> = {
  STANDARD: "Standard price",
  PREMIUM: "Premium price",
  WHEELCHAIR: "Wheelchair price",
  COMPANION: "Companion price",
};

export type ShowtimeFormProps = {
  /** Null to create; a showtime to reschedule or reprice it. */
  showtime: Showtime | null;
  day: string;
  timeZone: string;
  currency: string;
  /** The cleaning break after each showtime, for the overlap message. */
  cleaningMinutes: number;
  movies: readonly { id: string; title: string; durationMinutes: number }[];
  halls: readonly { id: string; name: string }[];
  /** A slot clicked on the timeline, to pre-fill hall and time. */
  pick?: SlotPick | null;
  onSaved: (showtime: Showtime) => void;
  onShowConflict?: (id: string, localDate: string) => void;
  onCancelEdit?: () => void;
};

export function ShowtimeForm({
  showtime,
  day,
  timeZone,
  currency,
  cleaningMinutes,
  movies,
  halls,
  pick,
  onSaved,
  onShowConflict,
  onCancelEdit,
}: ShowtimeFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() =>
    showtime
      ? {
          movieId: showtime.movie.id,
          hallId: showtime.hall.id,
          localDate: showtime.localDate,
          localTime: showtime.localTime,
          prices: {
            STANDARD: minorToInput(showtime.prices.STANDARD, currency),
            PREMIUM: minorToInput(showtime.prices.PREMIUM, currency),
            WHEELCHAIR: minorToInput(showtime.prices.WHEELCHAIR, currency),
            COMPANION: minorToInput(showtime.prices.COMPANION, currency),
          },
        }
      : {
          movieId: "",
          hallId: halls[0]?.id ?? "",
          localDate: day,
          localTime: "20:00",
          prices: { STANDARD: "", PREMIUM: "", WHEELCHAIR: "", COMPANION: "" },
        },
  );
  const [priceErrors, setPriceErrors] = useState<Partial<Record<SeatKind, string>>>({});
  const [localError, setLocalError] = useState<string | null>(null);

  // The day picker moves new showtimes along with it; a reschedule keeps its own date.
  useEffect(() => {
    if (!showtime) setDraft((d) => ({ ...d, localDate: day }));
  }, [day, showtime]);
  useEffect(() => {
    if (pick && !showtime)
      setDraft((d) => ({ ...d, hallId: pick.hallId, localTime: pick.localTime }));
  }, [pick, showtime]);
  useEffect(() => {
    if (!draft.hallId && halls[0]) setDraft((d) => ({ ...d, hallId: halls[0]?.id ?? "" }));
  }, [halls, draft.hallId]);

  const onSuccess = async (saved: Showtime) => {
    toast.success(
      `${showtime ? "Rescheduled" : "Scheduled"} “${saved.movie.title}” at ${saved.localTime} in ${saved.hall.name}`,
    );
    await queryClient.invalidateQueries({ queryKey: trpc.showtime.pathKey() });
    onSaved(saved);
    if (!showtime) setDraft((d) => ({ ...d, movieId: "" }));
  };
  const create = useMutation(trpc.showtime.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.showtime.update.mutationOptions({ onSuccess }));
  const mutation = showtime ? update : create;
  const info = mutation.error ? errorInfo(mutation.error) : null;
  const refused = info?.details?.reason === "SCHEDULE_CONFLICT" ? info.details.showtimes : null;

  // The live check: while the form is filled in, ask whether the hall is free then (the
  // same rule the save meets); the save still decides.
  const wanted =
    draft.movieId &&
    draft.hallId &&
    isValidLocalDate(draft.localDate) &&
    /^\d\d:\d\d$/.test(draft.localTime)
      ? JSON.stringify({
          hallId: draft.hallId,
          movieId: draft.movieId,
          startsAt: toZonedIsoString(
            localDateTime(draft.localDate, draft.localTime, timeZone),
            timeZone,
          ),
          ...(showtime ? { excludeId: showtime.id } : {}),
        })
      : "";
  // Debounced as a string: an object would be new on every render and never settle.
  const settled = useDebounced(wanted, 300);
  const slot = settled && wanted ? (JSON.parse(settled) as OverlapInput) : null;
  const live = useQuery({
    ...trpc.showtime.overlaps.queryOptions(slot ?? { hallId: "", startsAt: "", movieId: "" }),
    enabled: slot !== null,
    staleTime: 5_000,
  });
  const liveConflicts = slot && live.data && !live.data.free ? live.data.conflicts : null;
  const conflicts = overlapLines(refused ?? liveConflicts ?? [], timeZone);
  const hallName = halls.find((h) => h.id === draft.hallId)?.name;
  const conflictId = useId();
  const conflictBox = useRef<HTMLDivElement>(null);
  // A refused save moves focus to the one message saying why (it is also announced).
  useEffect(() => {
    if (refused) conflictBox.current?.focus();
  }, [refused]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    if (mutation.isError) mutation.reset();
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setLocalError(null);
    const errors: Partial<Record<SeatKind, string>> = {};
    const prices: Partial<Record<SeatKind, number>> = {};
    for (const kind of SEAT_KINDS) {
      const text = draft.prices[kind].trim();
      if (text === "" && kind !== "STANDARD") continue;
      const minor = parseMoney(text, currency);
      if (minor === null)
        errors[kind] = text === "" ? "Enter a price." : "Enter an amount like 12.50.";
      else prices[kind] = minor;
    }
    setPriceErrors(errors);
    if (Object.keys(errors).length > 0 || prices.STANDARD === undefined) return;
    if (!draft.movieId || !draft.hallId || !draft.localDate || !draft.localTime) {
      setLocalError("Choose a film, a hall, a date and a start time.");
      return;
    }
    const startsAt = toZonedIsoString(
      localDateTime(draft.localDate, draft.localTime, timeZone),
      timeZone,
    );
    const priceInput = { ...prices, STANDARD: prices.STANDARD };
    if (!showtime) {
      create.mutate({ movieId: draft.movieId, hallId: draft.hallId, startsAt, prices: priceInput });
      return;
    }
    // Only what changed: moving a showtime that has started is refused even to the same time.
    const moved = draft.localDate !== showtime.localDate || draft.localTime !== showtime.localTime;
    update.mutate({
      id: showtime.id,
      ...(draft.movieId !== showtime.movie.id ? { movieId: draft.movieId } : {}),
      ...(draft.hallId !== showtime.hall.id ? { hallId: draft.hallId } : {}),
      ...(moved ? { startsAt } : {}),
      prices: priceInput,
    });
  }

  const movie = movies.find((m) => m.id === draft.movieId);
  // A clash is told once, in the box below the times; other start-time errors go here.
  const timeErrors = refused ? [] : [...fieldMessages(info, "startsAt")];
  const formLevel = info && !shownAtField(info, ["movieId", "hallId", "startsAt", "prices"]);

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      noValidate
      aria-label={showtime ? "Reschedule showtime" : "New showtime"}
    >
      {formLevel && <ErrorAlert error={mutation.error} title="Not saved" />}
      {localError && <ErrorAlert title={localError} />}
      <SelectField
        label="Film"
        value={draft.movieId}
        onChange={(e) => set("movieId", e.target.value)}
        error={fieldMessages(info, "movieId")}
        required
      >
        <option value="">Choose a film…</option>
        {movies.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title} ({m.durationMinutes} min)
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Hall"
        value={draft.hallId}
        onChange={(e) => set("hallId", e.target.value)}
        error={fieldMessages(info, "hallId")}
        required
      >
        {halls.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Date"
          type="date"
          value={draft.localDate}
          onChange={(e) => set("localDate", e.target.value)}
          required
        />
        <TextField
          label="Start time"
          type="time"
          step={300}
          value={draft.localTime}
          onChange={(e) => set("localTime", e.target.value)}
          hint={movie ? `Ends about ${endOf(draft.localTime, movie.durationMinutes)}` : undefined}
          error={timeErrors}
          required
          invalidBy={conflicts.length > 0 ? conflictId : null}
        />
      </div>
      <div
        id={conflictId}
        ref={conflictBox}
        tabIndex={-1}
        role="alert"
        className="focus:outline-none"
      >
        {conflicts.length > 0 && (
          <div className="rounded-lg border border-rose-800 bg-rose-950/40 p-3 text-sm">
            <p className="font-semibold text-rose-200">
              {refused ? "Not saved: " : ""}
              {overlapHeading(hallName, cleaningMinutes)}
            </p>
            <p className="mt-1 text-rose-100">In the way:</p>
            <ul className="mt-1 space-y-1">
              {conflicts.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2 text-rose-100">
                  <span>{c.text}</span>
                  {onShowConflict && (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => onShowConflict(c.id, c.localDate)}
                    >
                      Show it<span className="sr-only"> on the timeline</span>
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-200">Prices ({currency})</legend>
        <div className="grid grid-cols-2 gap-3">
          {SEAT_KINDS.map((kind) => (
            <TextField
              key={kind}
              label={KIND_LABEL[kind]}
              inputMode="decimal"
              placeholder={kind === "STANDARD" ? "12.50" : "as standard"}
              value={draft.prices[kind]}
              onChange={(e) => set("prices", { ...draft.prices, [kind]: e.target.value })}
              error={priceErrors[kind] ?? null}
              required={kind === "STANDARD"}
            />
          ))}
        </div>
        {fieldMessages(info, "prices").length > 0 && (
          <p className="text-sm text-rose-400">{fieldMessages(info, "prices").join(" ")}</p>
        )}
      </fieldset>
      <div className="flex justify-end gap-2">
        {onCancelEdit && (
          <Button variant="secondary" onClick={onCancelEdit}>
            Back
          </Button>
        )}
        <Button type="submit" loading={mutation.isPending}>
          {showtime ? "Save changes" : "Schedule showtime"}
        </Button>
      </div>
    </form>
  );
}

function endOf(localTime: string, minutes: number): string {
  const [h = "0", m = "0"] = localTime.split(":");
  const total = Number(h) * 60 + Number(m) + minutes;
  const end = `${String(Math.floor(total / 60) % 24).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  return total >= 24 * 60 ? `${end} (next day)` : end;
}
