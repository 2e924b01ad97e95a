// Live seat maps in Chromium: two browsers on one showtime; a seat held in one changes in
// the other without a reload, announced politely, and leaves the other's choice.
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  apiClient,
  launchBrowser,
  newContext,
  screenshot,
  signUp,
  startServer,
  type TestServer,
} from "./harness";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const seatButton = (page: Page, label: string) => page.locator(`button[data-seat="${label}"]`);

it("shows a seat held in one browser as taken in another, without a reload", async () => {
  const api = apiClient(server);
  const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const { items } = await api.showtime.list.query({ from, limit: 20 });
  const showtime = items[3] ?? items[0];
  if (!showtime) throw new Error("the demo data has no upcoming showtimes");
  const map = await api.showtime.seatMap.query({ showtimeId: showtime.id });
  const seat = map.seats.filter((s) => s.state === "AVAILABLE")[7];
  if (!seat) throw new Error("no free seat");

  const holder = await newContext(browser, server);
  const watcher = await newContext(browser, server);
  await signUp(holder.page, { name: "Hana Holder" });
  await holder.page.goto(`/showtimes/${showtime.id}`);
  await watcher.page.goto(`/showtimes/${showtime.id}`);
  // The watcher has chosen the very seat, and its map is live (no polling).
  await seatButton(watcher.page, seat.label).click();
  await watcher.page
    .getByTestId("seat-map-status")
    .getByText(/· Live$/)
    .waitFor();
  let reloads = 0;
  watcher.page.on("framenavigated", () => (reloads += 1));
  const polls: string[] = [];
  watcher.page.on("request", (req) => {
    if (req.url().includes("showtime.seatMap?")) polls.push(req.url());
  });

  await seatButton(holder.page, seat.label).click();
  await holder.page.getByRole("button", { name: "Hold seats" }).click();
  await holder.page.getByRole("button", { name: "Confirm booking" }).waitFor();

  await expect
    .poll(() => seatButton(watcher.page, seat.label).getAttribute("aria-label"))
    .toMatch(/, taken$/);
  // Said once, politely, for screen readers; and the choice is emptied with a note.
  await expect
    .poll(() => watcher.page.locator('[aria-live="polite"]').allTextContents())
    .toContain(`${seat.label} was just taken`);
  await watcher.page.getByText("removed from your seats", { exact: false }).waitFor();
  await watcher.page.getByText("Choose seats on the map.").waitFor();
  expect(reloads).toBe(0);
  expect(polls).toEqual([]);
  await screenshot(watcher.page, "live-seat-taken");
  await holder.context.close();
  await watcher.context.close();
});
