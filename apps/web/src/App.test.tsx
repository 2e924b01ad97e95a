import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type MovieItem } from "./api-types";
import { aShowtime, PARIS_INFO } from "./test/fixtures";
import { renderApp } from "./test/render";
import { fail, mockTrpc, type Handlers } from "./test/trpc-mock";

// The server says it is 24 Nov in the cinema's zone (22:30 UTC = 23:30 in Paris): the app
// uses that, whatever the browser's zone says. The browser's clock agrees with the server's
// (only Date is faked; timers run), so shows later that evening are still to come.
const NOW = "2026-11-24T22:30:00.000Z";
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(NOW));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
const movie: MovieItem = {
  id: "m1",
  title: "The Long Take",
  description: "One shot, one night.",
  genres: ["drama"],
  durationMinutes: 128,
  rating: "12A",
  posterUrl: null,
  releaseDate: null,
};
const showtime = (id: string, localDate: string, localTime: string, startsAt: string) =>
  aShowtime({
    id,
    movie: { id: "m1", title: movie.title, durationMinutes: 128, rating: "12A", posterUrl: null },
    hall: { id: "h1", name: "Hall 1" },
    startsAt,
    endsAt: startsAt,
    busyUntil: startsAt,
    localDate,
    localTime,
    seatsAvailable: 42,
  });
const next = showtime("s0", "2026-11-25", "20:30", "2026-11-25T19:30:00.000Z");

function catalogue(extra: Handlers = {}) {
  return mockTrpc({
    health: () => ({ status: "ok", database: "ok", time: NOW }),
    "cinema.info": () => ({ ...PARIS_INFO, today: "2026-11-24", now: NOW }),
    "auth.me": () => null,
    "movie.list": () => ({ items: [movie], nextCursor: null }),
    "showtime.list": (input) => {
      const date = input?.date;
      if (!date) return { items: [next], nextCursor: null };
      return {
        items: [showtime(`s-${date}`, date, "21:15", `${date}T23:59:00.000Z`)],
        nextCursor: null,
      };
    },
    ...extra,
  });
}

describe("the app shell", () => {
  it("shows what's on for the cinema's today, with a 14-day picker and showtimes", async () => {
    const { calls } = catalogue();
    renderApp(["/"]);
    expect(screen.getByRole("heading", { name: "What's on" })).toBeTruthy();
    expect(await screen.findByRole("heading", { name: "The Long Take" })).toBeTruthy();
    const days = screen.getAllByRole("radio");
    expect(days).toHaveLength(14);
    expect(days[0]?.getAttribute("aria-label")).toBe("Today, Tuesday, 24 November 2026");
    expect(days[0]?.getAttribute("aria-checked")).toBe("true");
    expect(screen.getByRole("link", { name: "21:15, Hall 1, 42 seats left" })).toBeTruthy();
    expect(
      calls.some(
        (c) => c.path === "showtime.list" && (c.input as { date?: string })?.date === "2026-11-24",
      ),
    ).toBe(true);

    await userEvent.setup().click(days[1] as HTMLElement);
    expect(await screen.findByRole("link", { name: "21:15, Hall 1, 42 seats left" })).toBeTruthy();
    expect(calls.some((c) => (c.input as { date?: string })?.date === "2026-11-25")).toBe(true);
  });

  it("has a not-found page", async () => {
    catalogue();
    renderApp(["/no/such/page"]);
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "See what's on" })).toBeTruthy();
  });

  it("says so when the API is down", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("oops", { status: 502 })),
    );
    renderApp(["/"]);
    expect(
      await screen.findByText(/programme could not be loaded/, {}, { timeout: 5000 }),
    ).toBeTruthy();
  });

  it("shows the Admin link only to admins", async () => {
    catalogue({
      "auth.me": () => ({ id: "a", email: "a@x.test", name: "Ann Admin", role: "ADMIN" }),
    });
    renderApp(["/"]);
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(await within(nav).findByRole("link", { name: "Admin" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Account menu for Ann Admin" })).toBeTruthy();
  });

  it("sends an expired session to sign-in, remembering where the user was", async () => {
    catalogue({
      "auth.me": () => ({ id: "u", email: "u@x.test", name: "Una", role: "USER" }),
      "reservation.mine": () =>
        fail({ code: "UNAUTHORIZED", httpStatus: 401, message: "Sign in first" }),
    });
    renderApp(["/bookings?tab=past"]);
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    const signUp = screen.getByRole("link", { name: "Create an account" });
    expect(signUp.getAttribute("href")).toBe("/signup?next=%2Fbookings%3Ftab%3Dpast");
  });
});
