import { lazy, Suspense } from "react";
import { type RouteObject } from "react-router";
import { NotFoundPage } from "../pages/NotFoundPage";
import { WhatsOnPage } from "../pages/WhatsOnPage";
import { PageSkeleton } from "./PageSkeleton";
import { RequireAdmin, RequireAuth, RequireStaff } from "./guards";
import { Layout } from "./Layout";
import { Titled } from "./title";

// Customers never download the admin code: it is its own chunk, fetched on /admin only.
// The door (staff) is its own chunk too: its camera and QR code reader stay out of the rest.
const DoorPage = lazy(() => import("../door/DoorPage").then((m) => ({ default: m.DoorPage })));
const AdminApp = lazy(() => import("../admin/AdminApp").then((m) => ({ default: m.AdminApp })));
// The home page ships in the entry chunk; every other page is its own chunk, fetched when
// first visited (Layout's Suspense shows the page skeleton meanwhile), so the first load
// stays within its JavaScript budget (apps/web/e2e/delivery.e2e.ts).
const MoviePage = lazy(() => import("../pages/MoviePage").then((m) => ({ default: m.MoviePage })));
const SeatSelectionPage = lazy(() =>
  import("../pages/SeatSelectionPage").then((m) => ({ default: m.SeatSelectionPage })),
);
const MyBookingsPage = lazy(() =>
  import("../pages/MyBookingsPage").then((m) => ({ default: m.MyBookingsPage })),
);
const AccountPage = lazy(() =>
  import("../pages/AccountPage").then((m) => ({ default: m.AccountPage })),
);
const SignInPage = lazy(() =>
  import("../pages/AuthPages").then((m) => ({ default: m.SignInPage })),
);
const SignUpPage = lazy(() =>
  import("../pages/AuthPages").then((m) => ({ default: m.SignUpPage })),
);
const ForgotPasswordPage = lazy(() =>
  import("../pages/PasswordResetPages").then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("../pages/PasswordResetPages").then((m) => ({ default: m.ResetPasswordPage })),
);

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <Layout />,
    children: [
      {
        index: true,
        element: (
          <Titled title="What's on">
            <WhatsOnPage />
          </Titled>
        ),
      },
      { path: "movies/:id", element: <MoviePage /> },
      { path: "showtimes/:id", element: <SeatSelectionPage /> },
      {
        path: "bookings",
        element: (
          <Titled title="My bookings">
            <RequireAuth>
              <MyBookingsPage />
            </RequireAuth>
          </Titled>
        ),
      },
      {
        path: "account",
        element: (
          <Titled title="Your account">
            <RequireAuth>
              <AccountPage />
            </RequireAuth>
          </Titled>
        ),
      },
      {
        path: "signin",
        element: (
          <Titled title="Sign in">
            <SignInPage />
          </Titled>
        ),
      },
      {
        path: "signup",
        element: (
          <Titled title="Create an account">
            <SignUpPage />
          </Titled>
        ),
      },
      {
        path: "forgot-password",
        element: (
          <Titled title="Forgot your password">
            <ForgotPasswordPage />
          </Titled>
        ),
      },
      {
        path: "reset-password",
        element: (
          <Titled title="Choose a new password">
            <ResetPasswordPage />
          </Titled>
        ),
      },
      {
        path: "door",
        element: (
          <Titled title="Door check-in">
            <RequireStaff>
              <Suspense fallback={<PageSkeleton label="Loading the door…" />}>
                <DoorPage />
              </Suspense>
            </RequireStaff>
          </Titled>
        ),
      },
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
