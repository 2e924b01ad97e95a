// The admin area, mounted by the shell at /admin/* (admins only; the server checks anyway).
import {
  BarChart3,
  CalendarClock,
  Clapperboard,
  LayoutDashboard,
  LayoutGrid,
  Mail,
  Ticket,
  Users,
} from "lucide-react";
import { lazy, Suspense } from "react";
import { NavLink, Outlet, Route, Routes, useLocation, useParams } from "react-router";
import { Titled } from "../app/title";
import { cx, Skeleton } from "../ui";
import { BookingsPage } from "./BookingsPage";
import { Dashboard } from "./Dashboard";
import { HallsPage } from "./HallsPage";
import { EmptyState } from "./kit";
import { MoviesPage } from "./MoviesPage";
import { OutboxPage } from "./OutboxPage";
import { SchedulePage } from "./SchedulePage";
import { UsersPage } from "./UsersPage";

// Charts are the heaviest part of the admin code; only the reports page needs them.
const ReportsPage = lazy(() => import("./ReportsPage").then((m) => ({ default: m.ReportsPage })));

const sections = [
  { to: "", label: "Overview", icon: LayoutDashboard, end: true },
  { to: "schedule", label: "Schedule", icon: CalendarClock, end: false },
  { to: "movies", label: "Movies", icon: Clapperboard, end: false },
  { to: "halls", label: "Halls", icon: LayoutGrid, end: false },
  { to: "bookings", label: "Bookings", icon: Ticket, end: false },
  { to: "users", label: "Users", icon: Users, end: false },
  { to: "outbox", label: "Outbox", icon: Mail, end: false },
  { to: "reports", label: "Reports", icon: BarChart3, end: false },
] as const;

/**
 * Where the admin area is mounted ("/admin"): the URL minus the part the shell's splat route
 * ("/admin/*") leaves to us. Relative links would resolve against the whole URL in a splat
 * route (react-router 7), so the sub-navigation links are absolute.
 */
function useAdminBase(): string {
  const { pathname } = useLocation();
  const rest = useParams()["*"] ?? "";
  const base = rest && pathname.endsWith(rest) ? pathname.slice(0, -rest.length) : pathname;
  return base.replace(/\/+$/, "");
}

function AdminNav() {
  const base = useAdminBase();
  return (
    <nav aria-label="Admin" className="-mx-1 overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-zinc-800 px-1 pb-2">
        {sections.map(({ to, label, icon: Icon, end }) => (
          <li key={label}>
            <NavLink
              to={to === "" ? base || "/" : `${base}/${to}`}
              end={end}
              className={({ isActive }) =>
                cx(
                  "inline-flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium",
                  "focus-visible:outline-2 focus-visible:outline-amber-300",
                  isActive
                    ? "bg-zinc-800 text-amber-300"
                    : "text-zinc-300 hover:bg-zinc-900 hover:text-white",
                )
              }
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AdminLayout() {
  return (
    <div className="space-y-6">
      <AdminNav />
      <Outlet />
    </div>
  );
}

export function AdminApp() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route
          index
          element={
            <Titled title="Admin dashboard">
              <Dashboard />
            </Titled>
          }
        />
        <Route
          path="schedule"
          element={
            <Titled title="Schedule · Admin">
              <SchedulePage />
            </Titled>
          }
        />
        <Route
          path="movies"
          element={
            <Titled title="Movies · Admin">
              <MoviesPage />
            </Titled>
          }
        />
        <Route
          path="halls"
          element={
            <Titled title="Halls · Admin">
              <HallsPage />
            </Titled>
          }
        />
        <Route
          path="bookings"
          element={
            <Titled title="Bookings · Admin">
              <BookingsPage />
            </Titled>
          }
        />
        <Route
          path="users"
          element={
            <Titled title="Users · Admin">
              <UsersPage />
            </Titled>
          }
        />
        <Route
          path="outbox"
          element={
            <Titled title="Outbox · Admin">
              <OutboxPage />
            </Titled>
          }
        />
        <Route
          path="reports"
          element={
            <Titled title="Reports · Admin">
              <Suspense fallback={<Skeleton className="h-96 w-full" />}>
                <ReportsPage />
              </Suspense>
            </Titled>
          }
        />
        <Route
          path="*"
          element={
            <Titled title="No such admin page">
              <EmptyState title="No such admin page">Pick a section above.</EmptyState>
            </Titled>
          }
        />
      </Route>
    </Routes>
  );
}
