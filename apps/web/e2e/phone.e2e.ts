// A phone (390×844) booking in a 300-seat hall: every seat a target of at least 24×24 px, the
// sticky bar with seats, total, countdown and action in sight, "Change seats" replacing the
// hold (same deadline), focus after confirming, page titles, and My bookings listing only
// bookings (not the replaced hold, not a hold left to expire). axe-core on every state.
import { join } from "node:path";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./a11y";
import {
  adminApi,
  apiClient,
  launchBrowser,
  newContext,
  REPO_ROOT,
  screenshot,
  signUp,
  startServer,
  type TestServer,
} from "./harness";

const PHONE = { width: 390, height: 844 };
// 15 rows of 20 seats with a centre aisle: 300 seats, 21 columns.
const LAYOUT_300 = Array.from({ length: 15 }, () => "SSSSSSSSSS_SSSSSSSSSS");

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // One-minute holds, so a hold left alone lapses within the test.
  server = await startServer({ env: { HOLD_MINUTES: "1" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function bigHallShowtime() {
  const admin = await adminApi(server);
  const hall = await admin.hall.create.mutate({ name: "The 300", layout: LAYOUT_300 });
  const { items: movies } = await admin.movie.list.query({ limit: 1 });
  const movie = movies[0];
  if (!movie) throw new Error("the demo data has no films");
  const startsAt = new Date(Date.now() + 26 * 3_600_000);
  startsAt.setUTCMinutes(0, 0, 0);
  const showtime = await admin.showtime.create.mutate({
    movieId: movie.id,
    hallId: hall.id,
    startsAt: startsAt.toISOString(),
    prices: { STANDARD: 1150 },
  });
  return { showtime, movie };
}

async function seatBoxes(page: Page) {
  return page.locator("button[data-seat]").evaluateAll((buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      return { label: b.getAttribute("data-seat"), width: r.width, height: r.height };
    }),
  );
}

const seat = (page: Page, label: string) => page.locator(`button[data-seat="${label}"]`);
const activeText = (page: Page) =>
  page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");

async function inViewport(page: Page, selector: ReturnType<Page["locator"]>) {
  const box = await selector.boundingBox();
  if (!box) return false;
  return box.y >= 0 && box.y + box.height <= PHONE.height && box.x >= 0;
}

describe("on a phone", () => {
  it("books in the 300-seat hall with big seats, the sticky bar, and Change seats", async () => {
    const { showtime, movie } = await bigHallShowtime();
    const { context, page } = await newContext(browser, server, { viewport: PHONE });
    const credentials = await signUp(page, { name: "Pia Phone" });
    const { token } = await apiClient(server).auth.createToken.mutate(credentials);
    const api = apiClient(server, token);

    // A hold on another showtime, left to expire: it must never show in My bookings.
    const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const other = (await api.showtime.list.query({ from, limit: 5 })).items[0];
    if (!other) throw new Error("the demo data has no upcoming showtimes");
    const otherMap = await api.showtime.seatMap.query({ showtimeId: other.id });
    const free = otherMap.seats.find((s) => s.state === "AVAILABLE");
    if (!free) throw new Error("no free seat");
    const lapsing = await api.reservation.hold.mutate({
      showtimeId: other.id,
      seatIds: [free.id],
    });

    await page.goto(`/showtimes/${showtime.id}`);
    await page.getByRole("grid", { name: "Seat map" }).waitFor();
    await expect
      .poll(() => page.title())
      .toMatch(new RegExp(`^${movie.title}, \\w{3} \\d{1,2} \\w{3} \\d{2}:\\d{2} · Marquee$`));
    const boxes = await seatBoxes(page);
    expect(boxes).toHaveLength(300);
    const smallest = Math.min(...boxes.flatMap((b) => [b.width, b.height]));
    expect(smallest, "the smallest seat at the default zoom").toBeGreaterThanOrEqual(24);
    await expectNoSeriousViolations(page, "the seat page on a phone");

    // Zoom in with the page's control: bigger still, and the hall pans.
    const viewport = page.getByTestId("seat-map-viewport");
    const before = Number(await viewport.getAttribute("data-seat-size"));
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect
      .poll(async () => Number(await viewport.getAttribute("data-seat-size")))
      .toBeGreaterThan(before);
    const zoomed = Math.min(...(await seatBoxes(page)).map((b) => b.width));
    expect(zoomed).toBeGreaterThanOrEqual(44);

    await seat(page, "H10").click();
    await seat(page, "H11").click();
    const bar = page.getByTestId("booking-bar");
    await bar.getByText("2 seats: H10 and H11").waitFor();
    await bar.getByText("€23.00").waitFor();
    const hold = bar.getByRole("button", { name: "Hold seats" });
    expect(await inViewport(page, hold), "Hold seats is on screen").toBe(true);
    await screenshot(page, "phone-seats-chosen");

    await hold.click();
    await bar.getByRole("timer").waitFor();
    await expect.poll(() => activeText(page)).toBe("Confirm booking");
    expect(await inViewport(page, bar.getByRole("timer")), "the countdown is on screen").toBe(true);
    expect(
      await inViewport(page, bar.getByRole("button", { name: "Confirm booking" })),
      "Confirm is on screen",
    ).toBe(true);
    await expectNoSeriousViolations(page, "the seat page on a phone, seats held");
    await page.screenshot({ path: join(REPO_ROOT, "docs/screenshots/phone-seat-map.png") });
    const first = (
      await api.reservation.mine.query({ status: "HELD", when: "upcoming" })
    ).items.find((r) => r.showtimeId === showtime.id);
    expect(first?.seats.map((s) => s.label).sort()).toEqual(["H10", "H11"]);

    // Change seats: the hold stays, the map opens, the new choice replaces it.
    await bar.getByRole("button", { name: "Change seats" }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-seat") ?? null))
      .not.toBeNull();
    await seat(page, "H10").click();
    await seat(page, "H12").click();
    await bar.getByRole("button", { name: "Hold these seats instead" }).click();
    await bar.getByRole("button", { name: "Confirm booking" }).waitFor();
    const replaced = (
      await api.reservation.mine.query({ status: "HELD", when: "upcoming" })
    ).items.filter((r) => r.showtimeId === showtime.id);
    expect(replaced).toHaveLength(1);
    expect(replaced[0]?.seats.map((s) => s.label).sort()).toEqual(["H11", "H12"]);
    expect(replaced[0]?.expiresAt, "the deadline is kept").toBe(first?.expiresAt);

    await bar.getByRole("button", { name: "Confirm booking" }).click();
    const booked = page.getByRole("heading", { name: "You're booked!" });
    await booked.waitFor();
    await expect.poll(() => activeText(page)).toBe("You're booked!");
    const code = ((await page.getByTestId("booking-code").textContent()) ?? "").trim();
    await expectNoSeriousViolations(page, "booking done on a phone");

    // My bookings: the booking, not the replaced hold, not the lapsing hold (once lapsed).
    await expect
      .poll(() => Date.now(), { timeout: 120_000, interval: 1_000 })
      .toBeGreaterThan(Date.parse(lapsing.expiresAt ?? "") + 1_000);
    await page.goto("/bookings");
    await page.getByRole("heading", { name: "My bookings", level: 1 }).waitFor();
    await page.locator("article", { hasText: code }).waitFor();
    expect(await page.title()).toBe("My bookings · Marquee");
    const cards = page.locator("#bookings-panel article");
    expect(await cards.count()).toBe(1);
    const panel = (await page.locator("#bookings-panel").textContent()) ?? "";
    expect(panel).not.toContain(lapsing.code);
    expect(panel).not.toMatch(/Cancelled|Expired/);
    await expectNoSeriousViolations(page, "My bookings on a phone");
    await screenshot(page, "phone-my-bookings");
    await page.getByRole("tab", { name: "Past" }).click();
    await page.getByText("No past bookings.").waitFor();
    await context.close();
  });
});
