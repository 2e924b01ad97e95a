import { lazy, Suspense } from "react";
import { type RouteObject } from "react-router";
import { AccountPage } from "../pages/AccountPage";
import { MyBookingsPage } from "../pages/MyBookingsPage";
import { MoviePage } from "../pages/MoviePage";
import { NotFoundPage } from "../pages/NotFoundPage";
import { SeatSelectionPage } from "../pages/SeatSelectionPage";
import { SignInPage, SignUpPage } from "../pages/AuthPages";
import { WhatsOnPage } from "../pages/WhatsOnPage";
import { PageSkeleton } from "./PageSkeleton";
import { RequireAdmin, RequireAuth } from "./guards";
import { Layout } from "./Layout";

// Customers never download the admin code: it is its own chunk, fetched on /admin only.
const AdminApp = lazy(() => import("../admin/AdminApp").then((m) => ({ default: m.AdminApp })));

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <WhatsOnPage /> },
      { path: "movies/:id", element: <MoviePage /> },
      { path: "showtimes/:id", element: <SeatSelectionPage /> },
      {
        path: "bookings",
        element: (
          <RequireAuth>
            <MyBookingsPage />
          </RequireAuth>
        ),
      },
      {
        path: "account",
        element: (
          <RequireAuth>
            <AccountPage />
          </RequireAuth>
        ),
      },
      { path: "signin", element: <SignInPage /> },
      { path: "signup", element: <SignUpPage /> },
      {
        path: "admin/*",
        element: (
          <RequireAdmin>
            <Suspense fallback={<PageSkeleton label="Loading the admin area…" />}>
              <AdminApp />
            </Suspense>
          </RequireAdmin>
        ),
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
