import { ChevronDown, Clapperboard, LogOut, Ticket, UserRound } from "lucide-react";
import { Suspense, useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { buttonClass, cx, Skeleton } from "../ui";
import { signInPath, useMe, useSignOut } from "./auth";
import { PageSkeleton } from "./PageSkeleton";

const navClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    "rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
    "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300",
    isActive ? "bg-zinc-800 text-amber-300" : "text-zinc-300 hover:bg-zinc-800/60 hover:text-white",
  );

function AccountMenu({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const logout = useSignOut();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        toggle.current?.focus(); // not the page body
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const itemClass =
    "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm text-zinc-200 hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-amber-300";
  return (
    <div ref={ref} className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls="account-menu"
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen((v) => !v)}
        className={buttonClass({ variant: "ghost", size: "sm", className: "max-w-48" })}
      >
        <UserRound className="size-4 shrink-0" aria-hidden />
        <span className="truncate">{name}</span>
        <ChevronDown className="size-4 shrink-0" aria-hidden />
      </button>
      {open && (
        <div
          id="account-menu"
          className="absolute right-0 z-30 mt-2 w-52 rounded-xl border border-zinc-800 bg-zinc-900 p-1.5 shadow-xl"
        >
          <Link to="/bookings" className={itemClass} onClick={() => setOpen(false)}>
            <Ticket className="size-4" aria-hidden /> My bookings
          </Link>
          <Link to="/account" className={itemClass} onClick={() => setOpen(false)}>
            <UserRound className="size-4" aria-hidden /> Account & password
          </Link>
          <button
            type="button"
            className={itemClass}
            disabled={logout.isPending}
            onClick={() => {
              setOpen(false);
              logout.mutate();
            }}
          >
            <LogOut className="size-4" aria-hidden /> Sign out
          </button>
        </div>
      )}
    </div>
  );
}

function Header() {
  const me = useMe();
  const location = useLocation();
  const here = location.pathname + location.search;
  const onAuthPage = location.pathname === "/signin" || location.pathname === "/signup";
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-800/80 bg-zinc-950/85 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
        <Link
          to="/"
          className="flex items-center gap-2 rounded-md py-1 text-xl font-black tracking-tight text-amber-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300"
        >
          <Clapperboard className="size-6" aria-hidden />
          Marquee
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto"
        >
          <NavLink to="/" end className={navClass}>
            What&apos;s on
          </NavLink>
          <NavLink to="/bookings" className={navClass}>
            My bookings
          </NavLink>
          {(me.data?.role === "STAFF" || me.data?.role === "ADMIN") && (
            <NavLink to="/door" className={navClass}>
              Door
            </NavLink>
          )}
          {me.data?.role === "ADMIN" && (
            <NavLink to="/admin" className={navClass}>
              Admin
            </NavLink>
          )}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {me.isPending ? (
            <Skeleton className="h-8 w-28" />
          ) : me.data ? (
            <AccountMenu name={me.data.name} />
          ) : (
            <>
              <Link
                to={onAuthPage ? "/signin" : signInPath(here)}
                className={buttonClass({ variant: "ghost", size: "sm" })}
              >
                Sign in
              </Link>
              <Link to="/signup" className={buttonClass({ variant: "primary", size: "sm" })}>
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout() {
  const location = useLocation();
  // Move focus to the new page's content on navigation, so screen readers hear it.
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo?.(0, 0);
  }, [location.pathname]);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-amber-400 px-3 py-2 text-zinc-950 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <Header />
      <main
        id="main"
        ref={mainRef}
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:py-8"
      >
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="border-t border-zinc-900 py-6 text-center text-xs text-zinc-400">
        Marquee · an open movie-reservation system
      </footer>
    </div>
  );
}
