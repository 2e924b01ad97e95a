// Occupancy and revenue over a range of cinema-local days. recharts lives only in the admin
// chunk (this page is even lazy within it), so guests never download it.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@marquee/api";
import { addLocalDays, isValidLocalDate, localTimeOf } from "@marquee/domain";
import { useTRPC } from "../trpc";
import { Button, formatLocalDate, formatMoney, LOCALE, Skeleton, TextField } from "../ui";
import { currencyDigits, useCinemaInfo } from "./cinema";
import { Card, EmptyState, ErrorAlert, PageHeader, StatusBadge } from "./kit";
import { downloadText, reportCsv, reportFileName, type ReportTable } from "./report-csv";

type Summary = inferRouterOutputs<AppRouter>["report"]["summary"];

const EXPORTS: { table: ReportTable; label: string }[] = [
  { table: "days", label: "Per day" },
  { table: "movies", label: "Per film" },
  { table: "showtimes", label: "Per showtime" },
];

/** An axis title in the chart's own colours. */
const axisLabel = (
  value: string,
  position: "insideBottom" | "insideLeft" | "insideRight" | "insideTop",
  angle = 0,
) => ({
  value,
  position,
  angle,
  fill: "#d4d4d8",
  fontSize: 12,
  ...(angle !== 0 ? { style: { textAnchor: "middle" as const } } : {}),
});

const percent = (ratio: number) =>
  new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 1 }).format(ratio);

const AXIS = { stroke: "#a1a1aa", fontSize: 12 };
const TOOLTIP = {
  contentStyle: { background: "#18181b", border: "1px solid #3f3f46", borderRadius: 8 },
  labelStyle: { color: "#fafafa" },
};

export function ReportsPage() {
  const { info, error } = useCinemaInfo();
  if (error) return <ErrorAlert error={error} title="The cinema's settings could not be loaded" />;
  if (!info) return <Skeleton className="h-96 w-full" />;
  return <Reports today={info.today} timeZone={info.timeZone} />;
}

function Reports({ today, timeZone }: { today: string; timeZone: string }) {
  const trpc = useTRPC();
  const [from, setFrom] = useState(() => addLocalDays(today, -14));
  const [to, setTo] = useState(() => addLocalDays(today, 7));
  const valid = isValidLocalDate(from) && isValidLocalDate(to) && from <= to;
  const report = useQuery({
    ...trpc.report.summary.queryOptions({ from, to }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Reports"
        description="Sold seats and revenue of confirmed bookings, per cinema-local day."
        actions={
          <div className="flex items-end gap-2">
            <TextField
              label="From"
              type="date"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
            />
            <TextField
              label="To"
              type="date"
              value={to}
              min={from}
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        }
      />
      {!valid ? (
        <ErrorAlert title="Choose a start date on or before the end date." />
      ) : report.isPending ? (
        <div role="status" aria-label="Loading the report" className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-4">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-24" />
            ))}
          </div>
          <Skeleton className="h-72 w-full" />
        </div>
      ) : report.isError ? (
        <ErrorAlert error={report.error} title="The report could not be loaded" />
      ) : (
        <ReportView summary={report.data} timeZone={timeZone} stale={report.isPlaceholderData} />
      )}
    </div>
  );
}

function ReportView({
  summary,
  timeZone,
  stale,
}: {
  summary: Summary;
  timeZone: string;
  stale: boolean;
}) {
  const { totals, currency } = summary;
  const money = (minor: number) => formatMoney(minor, currency);
  const major = (minor: number) => minor / 10 ** currencyDigits(currency);
  const days = summary.days.map((d) => ({
    label: formatLocalDate(d.date),
    occupancy: Math.round(d.occupancy * 1000) / 10,
    revenue: major(d.revenue),
    sold: d.sold,
  }));
  const movies = summary.movies.map((m) => ({
    title: m.title,
    occupancy: Math.round(m.occupancy * 1000) / 10,
    revenue: major(m.revenue),
  }));
  const moneyAxis = (value: number) =>
    new Intl.NumberFormat(LOCALE, { style: "currency", currency, notation: "compact" }).format(
      value,
    );

  if (totals.showtimes === 0) {
    return (
      <EmptyState title="No showtimes in this range">
        {formatLocalDate(summary.from)} – {formatLocalDate(summary.to)}
      </EmptyState>
    );
  }
  return (
    <div className={stale ? "space-y-6 opacity-60" : "space-y-6"} aria-busy={stale || undefined}>
      <div role="group" aria-label="Download as CSV" className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-zinc-300">Download CSV:</span>
        {EXPORTS.map(({ table, label }) => (
          <Button
            key={table}
            variant="secondary"
            size="sm"
            onClick={() =>
              downloadText(reportFileName(summary, table), reportCsv(summary, table, timeZone))
            }
          >
            <Download className="size-4" aria-hidden />
            {label}
            <span className="sr-only"> (CSV)</span>
          </Button>
        ))}
      </div>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Totals">
        <Stat label="Revenue" value={money(totals.revenue)} />
        <Stat
          label="Seats sold"
          value={totals.sold.toLocaleString(LOCALE)}
          note={`of ${totals.capacity.toLocaleString(LOCALE)}`}
        />
        <Stat label="Occupancy" value={percent(totals.occupancy)} />
        <Stat label="Showtimes" value={String(totals.showtimes)} />
        <Stat
          label="Cancelled bookings"
          value={String(totals.cancellations)}
          note={totals.held > 0 ? `${totals.held} seats held now` : undefined}
        />
      </ul>

      <Card>
        <h2 className="mb-3 font-semibold">Per day</h2>
        <figure aria-label="Revenue and occupancy per day">
          <div className="h-72">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart
                data={days}
                margin={{ top: 8, right: 16, bottom: 24, left: 16 }}
                title="Revenue and occupancy per day"
                desc={`Bars show each day's revenue in ${currency}; the line shows occupancy in percent.`}
              >
                <CartesianGrid stroke="#27272a" vertical={false} />
                <XAxis
                  dataKey="label"
                  tick={AXIS}
                  stroke="#52525b"
                  label={axisLabel("Day (cinema-local)", "insideBottom")}
                  height={48}
                />
                <YAxis
                  yAxisId="money"
                  tick={AXIS}
                  stroke="#52525b"
                  tickFormatter={moneyAxis}
                  label={axisLabel(`Revenue (${currency})`, "insideLeft", -90)}
                  width={72}
                />
                <YAxis
                  yAxisId="pct"
                  orientation="right"
                  domain={[0, 100]}
                  unit="%"
                  tick={AXIS}
                  stroke="#52525b"
                  label={axisLabel("Occupancy (%)", "insideRight", 90)}
                  width={64}
                />
                <Tooltip
                  {...TOOLTIP}
                  formatter={(value, name) =>
                    name === "Revenue"
                      ? formatMoney(
                          Math.round(Number(value) * 10 ** currencyDigits(currency)),
                          currency,
                        )
                      : `${String(value)}%`
                  }
                />
                <Legend verticalAlign="top" />
                <Bar
                  yAxisId="money"
                  dataKey="revenue"
                  name="Revenue"
                  fill="#f59e0b"
                  radius={[4, 4, 0, 0]}
                  isAnimationActive={false}
                />
                <Line
                  yAxisId="pct"
                  dataKey="occupancy"
                  name="Occupancy"
                  stroke="#38bdf8"
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="mt-2 text-xs text-zinc-400">
            Bars: revenue (left axis). Line with dots: occupancy of scheduled showtimes (right
            axis).
          </figcaption>
          <FiguresTable
            caption="Revenue and occupancy per day"
            first="Day"
            rows={summary.days.map((d) => ({
              key: d.date,
              name: formatLocalDate(d.date),
              revenue: money(d.revenue),
              occupancy: percent(d.occupancy),
            }))}
          />
        </figure>
      </Card>

      <Card>
        <h2 className="mb-3 font-semibold">Per movie</h2>
        <figure aria-label="Revenue and occupancy per movie">
          <div style={{ height: Math.max(160, movies.length * 44 + 60) }}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={movies}
                layout="vertical"
                margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
                title="Revenue and occupancy per film"
                desc={`Two bars per film: revenue in ${currency} (bottom axis) and occupancy in percent (top axis).`}
              >
                <CartesianGrid stroke="#27272a" horizontal={false} />
                <XAxis
                  type="number"
                  xAxisId="money"
                  tick={AXIS}
                  stroke="#52525b"
                  tickFormatter={moneyAxis}
                  label={axisLabel(`Revenue (${currency})`, "insideBottom")}
                  height={48}
                />
                <XAxis
                  type="number"
                  xAxisId="pct"
                  orientation="top"
                  domain={[0, 100]}
                  unit="%"
                  tick={AXIS}
                  stroke="#52525b"
                  label={axisLabel("Occupancy (%)", "insideTop")}
                  height={48}
                />
                <YAxis
                  type="category"
                  dataKey="title"
                  width={140}
                  tick={AXIS}
                  stroke="#52525b"
                  label={axisLabel("Film", "insideLeft", -90)}
                />
                <Tooltip
                  {...TOOLTIP}
                  formatter={(value, name) =>
                    name === "Revenue"
                      ? formatMoney(
                          Math.round(Number(value) * 10 ** currencyDigits(currency)),
                          currency,
                        )
                      : `${String(value)}%`
                  }
                />
                <Legend verticalAlign="bottom" />
                <Bar
                  xAxisId="money"
                  dataKey="revenue"
                  name="Revenue"
                  fill="#f59e0b"
                  radius={[0, 4, 4, 0]}
                  isAnimationActive={false}
                />
                <Bar
                  xAxisId="pct"
                  dataKey="occupancy"
                  name="Occupancy"
                  fill="#38bdf8"
                  radius={[0, 4, 4, 0]}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <figcaption className="mt-2 text-xs text-zinc-400">
            Amber bars: revenue (bottom axis). Blue bars: occupancy of scheduled showtimes (top
            axis).
          </figcaption>
          <FiguresTable
            caption="Revenue and occupancy per film"
            first="Film"
            rows={summary.movies.map((m) => ({
              key: m.movieId,
              name: m.title,
              revenue: money(m.revenue),
              occupancy: percent(m.occupancy),
            }))}
          />
        </figure>
      </Card>

      <Card>
        <h2 className="mb-3 font-semibold">Per showtime</h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <caption className="sr-only">Figures per showtime</caption>
            <thead className="text-xs tracking-wide text-zinc-400 uppercase">
              <tr>
                <th scope="col" className="px-2 py-2">
                  When (local)
                </th>
                <th scope="col" className="px-2 py-2">
                  Film
                </th>
                <th scope="col" className="px-2 py-2">
                  Hall
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Sold
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Occupancy
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Revenue
                </th>
                <th scope="col" className="px-2 py-2 text-right">
                  Cancelled
                </th>
                <th scope="col" className="px-2 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.showtimes.map((s) => (
                <tr key={s.showtimeId} className="border-t border-zinc-800">
                  <td className="px-2 py-1.5 whitespace-nowrap">
                    {formatLocalDate(s.localDate)} {localTimeOf(new Date(s.startsAt), timeZone)}
                  </td>
                  <td className="px-2 py-1.5">{s.movie.title}</td>
                  <td className="px-2 py-1.5">{s.hall.name}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    {s.sold}
                    {s.capacity > 0 && <span className="text-zinc-400"> / {s.capacity}</span>}
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">
                    {s.capacity > 0 ? percent(s.occupancy) : "–"}
                  </td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{money(s.revenue)}</td>
                  <td className="px-2 py-1.5 text-right tabular-nums">{s.cancellations}</td>
                  <td className="px-2 py-1.5">
                    <StatusBadge status={s.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}

/** The chart's figures as a table: its text alternative, folded away for sighted users. */
function FiguresTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: { key: string; name: string; revenue: string; occupancy: string }[];
}) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-zinc-300 hover:text-white">
        The figures as a table
      </summary>
      <table className="mt-2 w-full text-left">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs tracking-wide text-zinc-400 uppercase">
          <tr>
            <th scope="col" className="px-2 py-1">
              {first}
            </th>
            <th scope="col" className="px-2 py-1 text-right">
              Revenue
            </th>
            <th scope="col" className="px-2 py-1 text-right">
              Occupancy
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-zinc-800">
              <th scope="row" className="px-2 py-1 font-normal">
                {r.name}
              </th>
              <td className="px-2 py-1 text-right tabular-nums">{r.revenue}</td>
              <td className="px-2 py-1 text-right tabular-nums">{r.occupancy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <li className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-4">
      <p className="text-xs tracking-wide text-zinc-400 uppercase">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular-nums">{value}</p>
      {note && <p className="text-xs text-zinc-400">{note}</p>}
    </li>
  );
}
