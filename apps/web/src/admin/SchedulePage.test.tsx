import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router";
import { afterEach, expect, it, vi } from "vitest";
import { AdminApp } from "./AdminApp";
import { aShowtime, PARIS_INFO } from "../test/fixtures";
import { renderWithApi } from "../test/render";
import { fail, mockTrpc } from "../test/trpc-mock";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const HALL = { id: "00000000-0000-7000-8000-00000000000a", name: "Grand" };
const DUNE = { id: "00000000-0000-7000-8000-0000000000d1", title: "Dune", durationMinutes: 166 };
const SHOWTIME = aShowtime({
  id: "00000000-0000-7000-8000-0000000000s1",
  movie: { ...DUNE, rating: "PG-13", posterUrl: null },
  hall: HALL,
  // 18:00–20:46 in Paris on the first day of summer time, free again at 21:01.
  startsAt: "2026-03-29T16:00:00.000Z",
  endsAt: "2026-03-29T18:46:00.000Z",
  busyUntil: "2026-03-29T19:01:00.000Z",
  localDate: "2026-03-29",
  localTime: "18:00",
  seatsAvailable: 90,
});

/** What the live check answers: by default, the hall is free. */
let overlaps: (input: unknown) => unknown = () => ({ free: true, conflicts: [] });

function renderSchedule() {
  const { calls } = mockTrpc({
    "cinema.info": () => PARIS_INFO,
    "hall.list": () => [
      {
        ...HALL,
        layout: ["SSSS"],
        capacity: 4,
        seatsByKind: { STANDARD: 4, PREMIUM: 0, WHEELCHAIR: 0, COMPANION: 0 },
      },
    ],
    "movie.list": () => ({
      items: [
        {
          ...DUNE,
          description: "",
          genres: ["sci-fi"],
          rating: "PG-13",
          posterUrl: null,
          releaseDate: null,
        },
      ],
      nextCursor: null,
    }),
    "showtime.list": () => ({ items: [SHOWTIME], nextCursor: null }),
    "showtime.overlaps": (input) => overlaps(input) as never,
    "showtime.create": () =>
      fail({
        code: "CONFLICT",
        httpStatus: 409,
        message:
          'Grand is not free then (each showtime is followed by a 15-minute cleaning break); it overlaps "Dune" 18:00–20:46 on 2026-03-29',
        details: {
          reason: "SCHEDULE_CONFLICT",
          field: "startsAt",
          showtimes: [
            {
              id: SHOWTIME.id,
              title: "Dune",
              startsAt: SHOWTIME.startsAt,
              busyUntil: SHOWTIME.busyUntil,
            },
          ],
        },
      }),
  });
  renderWithApi(
    <Routes>
      <Route path="/admin/*" element={<AdminApp />} />
    </Routes>,
    { route: "/admin/schedule?date=2026-03-29" },
  );
  return calls;
}

it("draws the day's showtimes per hall in cinema-local time", async () => {
  renderSchedule();
  // Generous timeouts: the first render loads the whole admin module on a busy machine.
  const lane = await screen.findByRole("list", { name: "Showtimes in Grand" }, { timeout: 10_000 });
  const block = within(lane).getByRole("button", { name: /^Dune, 18:00–20:46/ });
  expect(block.textContent).toContain("cleaning until 21:01");
  expect(block.textContent).toContain("90 of 100 seats free");
  // Sub-navigation links resolve under /admin whatever admin page is open.
  const nav = screen.getByRole("navigation", { name: "Admin" });
  expect(within(nav).getByRole("link", { name: "Movies" }).getAttribute("href")).toBe(
    "/admin/movies",
  );
  expect(within(nav).getByRole("link", { name: "Overview" }).getAttribute("href")).toBe("/admin");
});

it("sends the local time with the cinema's offset and shows an overlap next to the form", async () => {
  const user = userEvent.setup();
  const calls = renderSchedule();
  const form = await screen.findByRole("form", { name: "New showtime" }, { timeout: 10_000 });
  await screen.findByRole("option", { name: "Dune (166 min)" }, { timeout: 10_000 });
  await user.selectOptions(within(form).getByLabelText("Film"), DUNE.id);
  fireEvent.change(within(form).getByLabelText("Start time"), { target: { value: "19:30" } });
  await user.type(within(form).getByLabelText("Standard price"), "12.50");
  await user.click(within(form).getByRole("button", { name: "Schedule showtime" }));

  const message = await within(form).findByText(/Not saved: Grand is not free then/);
  // One message, in the box the start time field points at (marked invalid); focus moves there.
  const box = message.closest("[role=alert]");
  const time = within(form).getByLabelText("Start time");
  expect(time.getAttribute("aria-invalid")).toBe("true");
  expect(box?.id).toBe(time.getAttribute("aria-describedby")?.split(" ").at(-1));
  await vi.waitFor(() => expect(document.activeElement).toBe(box));
  expect(within(form).getAllByText(/Grand is not free then/)).toHaveLength(1);
  expect(within(form).getAllByText(/Dune”/)).toHaveLength(1);
  expect(within(form).getByText("“Dune” 18:00–21:01 (cleaning included), Sun 29 Mar")).toBeTruthy();
  expect(form.textContent).not.toContain("2026-03-29");

  const create = calls.find((c) => c.path === "showtime.create");
  expect(create?.input).toEqual({
    movieId: DUNE.id,
    hallId: HALL.id,
    // 2026-03-29 is the day Paris moves to summer time: +02:00 in the evening.
    startsAt: "2026-03-29T19:30:00+02:00",
    prices: { STANDARD: 1250 },
  });
});

it("warns about a clash while the form is filled in, before any save", async () => {
  const user = userEvent.setup();
  overlaps = (input) => {
    const { startsAt } = input as { startsAt: string };
    const clash = startsAt === "2026-03-29T19:30:00+02:00";
    return {
      free: !clash,
      hall: HALL,
      startsAt,
      endsAt: startsAt,
      busyUntil: startsAt,
      cleaningMinutes: 15,
      conflicts: clash
        ? [
            {
              id: SHOWTIME.id,
              title: "Dune",
              startsAt: SHOWTIME.startsAt,
              endsAt: SHOWTIME.endsAt,
              busyUntil: SHOWTIME.busyUntil,
              localDate: "2026-03-29",
              localTime: "18:00",
              localEndTime: "20:46",
            },
          ]
        : [],
    };
  };
  try {
    const calls = renderSchedule();
    const form = await screen.findByRole("form", { name: "New showtime" }, { timeout: 10_000 });
    await screen.findByRole("option", { name: "Dune (166 min)" }, { timeout: 10_000 });
    await user.selectOptions(within(form).getByLabelText("Film"), DUNE.id);
    fireEvent.change(within(form).getByLabelText("Start time"), { target: { value: "19:30" } });
    const warning = await within(form).findByText(/^Grand is not free then/, undefined, {
      timeout: 10_000,
    });
    expect(warning.textContent).not.toContain("Not saved");
    expect(
      within(form).getByText(/“Dune” 18:00–21:01 \(cleaning included\), Sun 29 Mar/),
    ).toBeTruthy();
    expect(calls.some((c) => c.path === "showtime.create")).toBe(false);
    const asked = calls.filter((c) => c.path === "showtime.overlaps").at(-1);
    expect(asked?.input).toEqual({
      hallId: HALL.id,
      movieId: DUNE.id,
      startsAt: "2026-03-29T19:30:00+02:00",
    });
    // A free time clears the warning.
    fireEvent.change(within(form).getByLabelText("Start time"), { target: { value: "21:05" } });
    await vi.waitFor(() => expect(within(form).queryByText(/is not free then/)).toBeNull(), {
      timeout: 10_000,
    });
  } finally {
    overlaps = () => ({ free: true, conflicts: [] });
  }
});
