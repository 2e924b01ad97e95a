// /door: staff admit guests by scanning the ticket's QR code or typing its code. The answer
// fills the screen: green "Admitted: 2 seats, F7 F8" or red with the reason.
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTRPC } from "../trpc";
import { Button, cx, errorInfo, TextField } from "../ui";
import { CameraScanner } from "./CameraScanner";

type Outcome =
  | {
      ok: true;
      code: string;
      seats: string[];
      film: string;
      time: string;
      hall: string;
      holder: string | null;
    }
  | { ok: false; code: string; message: string };

/** A code seen again within this time is the same ticket still in front of the camera. */
const RESCAN_MS = 4_000;

export function admittedLine(seats: string[]): string {
  return `Admitted: ${seats.length} ${seats.length === 1 ? "seat" : "seats"}, ${seats.join(" ")}`;
}

export function DoorPage() {
  const trpc = useTRPC();
  const [code, setCode] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const lastScan = useRef<{ code: string; at: number } | null>(null);
  const checkIn = useMutation(
    trpc.ticket.checkIn.mutationOptions({
      onSuccess: (a) =>
        setOutcome({
          ok: true,
          code: a.code,
          seats: a.seats,
          film: a.movie.title,
          time: `${a.showtime.localDate} ${a.showtime.localTime}`,
          hall: a.hall.name,
          holder: a.holder?.name ?? null,
        }),
      onError: (error, input) =>
        setOutcome({ ok: false, code: input.code, message: errorInfo(error).message }),
    }),
  );
  const admit = (value: string) => {
    const trimmed = value.trim();
    if (!trimmed || checkIn.isPending) return;
    setOutcome(null);
    checkIn.mutate({ code: trimmed });
  };

  return (
    <section className="mx-auto w-full max-w-md space-y-5">
      <h1 className="text-2xl font-black tracking-tight">Door</h1>
      <div
        role="status"
        aria-live="assertive"
        className={cx(
          "min-h-40 rounded-2xl p-5 text-center",
          outcome === null && "border border-dashed border-zinc-700 text-zinc-400",
          outcome?.ok === true && "bg-emerald-600 text-white",
          outcome?.ok === false && "bg-rose-700 text-white",
        )}
      >
        {checkIn.isPending ? (
          <p className="text-xl">Checking…</p>
        ) : outcome === null ? (
          <p className="text-lg">Scan a ticket or type its code.</p>
        ) : outcome.ok ? (
          <>
            <p className="text-3xl leading-tight font-black">{admittedLine(outcome.seats)}</p>
            <p className="mt-3 text-lg font-semibold">{outcome.film}</p>
            <p>
              {outcome.time} · {outcome.hall}
            </p>
            {outcome.holder && <p className="mt-1 text-sm opacity-90">{outcome.holder}</p>}
            <p className="mt-1 font-mono text-sm opacity-90">{outcome.code}</p>
          </>
        ) : (
          <>
            <p className="text-3xl leading-tight font-black">{outcome.message}</p>
            <p className="mt-2 font-mono text-sm opacity-90">{outcome.code}</p>
          </>
        )}
      </div>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          admit(code);
        }}
      >
        <TextField
          label="Booking code"
          name="code"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="K7QF-2M9X"
          className="text-lg"
          // The next guest's code replaces the last one.
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setCode(e.target.value)}
        />
        <Button type="submit" size="lg" className="w-full" loading={checkIn.isPending}>
          Admit
        </Button>
      </form>
      <CameraScanner
        onCode={(scanned) => {
          const now = Date.now();
          const last = lastScan.current;
          if (last && last.code === scanned && now - last.at < RESCAN_MS) return;
          lastScan.current = { code: scanned, at: now };
          setCode(scanned);
          admit(scanned);
        }}
      />
    </section>
  );
}
