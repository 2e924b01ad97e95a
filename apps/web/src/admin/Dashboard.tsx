import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useTRPC } from "../trpc";
import { buttonClass, formatLocalDate, formatMoney, LOCALE, Skeleton } from "../ui";
import { useCinemaInfo } from "./cinema";
import { ErrorAlert, PageHeader } from "./kit";

/** /admin: today at a glance, and the way to the schedule. */
export function Dashboard() {
  const { info } = useCinemaInfo();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Overview"
        description={
          info
            ? `Today is ${formatLocalDate(info.today, "long")} at the cinema (${info.timeZone}).`
            : undefined
        }
        actions={
          <Link to="schedule" className={buttonClass()}>
            Open today's schedule
          </Link>
        }
      />
      {info ? <Today today={info.today} /> : <Skeleton className="h-24 w-full" />}
    </div>
  );
}

function Today({ today }: { today: string }) {
  const trpc = useTRPC();
  const report = useQuery(trpc.report.summary.queryOptions({ from: today, to: today }));
  if (report.isPending) return <Skeleton className="h-24 w-full" />;
  if (report.isError)
    return <ErrorAlert error={report.error} title="Today's figures could not be loaded" />;
  const { totals, currency } = report.data;
  const stats = [
    { label: "Showtimes today", value: String(totals.showtimes) },
    { label: "Seats sold", value: `${totals.sold} of ${totals.capacity}` },
    {
      label: "Occupancy",
      value: new Intl.NumberFormat(LOCALE, { style: "percent" }).format(totals.occupancy),
    },
    { label: "Revenue", value: formatMoney(totals.revenue, currency) },
  ];
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Today">
      {stats.map((s) => (
        <li key={s.label} className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-4">
          <p className="text-xs tracking-wide text-zinc-400 uppercase">{s.label}</p>
          <p className="mt-1 text-2xl font-bold tabular-nums">{s.value}</p>
        </li>
      ))}
    </ul>
  );
}
