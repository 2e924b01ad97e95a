import { type ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { signInPath, useMe } from "./auth";
import { PageSkeleton } from "./PageSkeleton";

/** Signed-out visitors go to sign-in and come back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return children;
}

/** The admin area is for admins only (the server refuses everyone else anyway). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (me.data.role !== "ADMIN") {
    return (
      <section className="mx-auto max-w-lg space-y-3 py-16 text-center">
        <h1 className="text-2xl font-bold">Admins only</h1>
        <p className="text-zinc-400">This part of Marquee is for the cinema&apos;s staff.</p>
      </section>
    );
  }
  return children;
}

/** The door is for staff and admins (the server checks anyway). */
export function RequireStaff({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (!me.data) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (me.data.role !== "STAFF" && me.data.role !== "ADMIN") {
    return (
      <section className="mx-auto max-w-lg space-y-3 py-16 text-center">
        <h1 className="text-2xl font-bold">Staff only</h1>
        <p className="text-zinc-400">The door page is for the cinema&apos;s staff.</p>
      </section>
    );
  }
  return children;
}
