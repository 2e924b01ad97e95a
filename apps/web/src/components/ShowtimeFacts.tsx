import { CalendarDays, Clock, MapPin } from "lucide-react";
import { formatLocalDate } from "../ui";

/** Cinema-local date, start time and hall of a showtime, as one line of facts. */
export function ShowtimeFacts(props: { localDate: string; localTime: string; hallName: string }) {
  return (
    <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-zinc-300">
      <span className="inline-flex items-center gap-1.5">
        <CalendarDays className="size-4 text-zinc-400" aria-hidden />
        {formatLocalDate(props.localDate, "long")}
      </span>
      <span className="inline-flex items-center gap-1.5">
        <Clock className="size-4 text-zinc-400" aria-hidden />
        {props.localTime}
      </span>
      <span className="inline-flex items-center gap-1.5">
        <MapPin className="size-4 text-zinc-400" aria-hidden />
        {props.hallName}
      </span>
    </p>
  );
}
