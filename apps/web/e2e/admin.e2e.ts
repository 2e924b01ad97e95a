// The admin flow in a real browser against the real server: an admin adds a film and
// schedules it on the timeline (and meets the overlap rule), then a signed-out guest finds
// it on the what's-on page of that cinema-local day.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  adminApi,
  launchBrowser,
  newContext,
  REPO_ROOT,
  screenshot,
  signInAsAdmin,
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

/** YYYY-MM-DD plus whole days (calendar arithmetic). */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

it("an admin schedules a new film and a guest sees it on that day", async () => {
  const api = await adminApi(server);
  const { today, timeZone } = await api.cinema.info.query();
  expect(timeZone).toBe("Europe/Paris");
  // Past the demo week, still within the fortnight guests can browse: an empty evening.
  const day = addDays(today, 10);
  const title = `Marquee Test Reel ${Date.now().toString(36)}`;

  const { context, page } = await newContext(browser, server);
  try {
    await signInAsAdmin(page);

    await page.goto("/admin/movies");
    await page.getByRole("button", { name: "New movie" }).click();
    const editor = page.getByRole("complementary", { name: "Movie editor" });
    await editor.getByLabel("Title", { exact: true }).fill(title);
    await editor.getByLabel("Description").fill("Ninety-five minutes of end-to-end suspense.");
    await editor.getByLabel("Add a genre").fill("thriller");
    await editor.getByLabel("Add a genre").press("Enter");
    await editor.getByLabel("Duration (minutes)").fill("95");
    await editor.getByLabel("Rating").fill("PG");
    await editor.getByRole("button", { name: "Add movie" }).click();
    await page.getByRole("button", { name: `Edit ${title}` }).waitFor();
    await screenshot(page, "admin-movies");

    await page.goto(`/admin/schedule?date=${day}`);
    const form = page.getByRole("form", { name: "New showtime" });
    await form.getByLabel("Film").selectOption({ label: `${title} (95 min)` });
    const hall = await form.getByLabel("Hall").locator("option").first().textContent();
    await form.getByLabel("Start time").fill("20:00");
    await form.getByLabel("Standard price").fill("11.50");
    await form.getByRole("button", { name: "Schedule showtime" }).click();
    const block = page
      .getByRole("list", { name: `Showtimes in ${hall ?? ""}` })
      .getByRole("button", { name: new RegExp(`^${title}, 20:00–21:35`) });
    await block.waitFor();

    // The same hall half an hour later: the server refuses and the form names the film.
    await form.getByLabel("Film").selectOption({ label: `${title} (95 min)` });
    await form.getByLabel("Start time").fill("20:30");
    await form.getByRole("button", { name: "Schedule showtime" }).click();
    await form.getByText(/is not free then/).waitFor();
    await expect(form.getByText(new RegExp(`“${title}” 20:00–21:50`)).isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, "admin-schedule-overlap");

    // The server stored the evening in the cinema's zone, whatever the browser's zone is.
    const stored = await api.showtime.list.query({ date: day, limit: 100 });
    const ours = stored.items.find((s) => s.movie.title === title);
    expect(ours?.localTime).toBe("20:00");
    expect(ours?.prices.STANDARD).toBe(1150);

    // The README's picture: a busy demo day on the timeline.
    await page.goto(`/admin/schedule?date=${addDays(today, 1)}`);
    await page.getByRole("list", { name: "Halls" }).waitFor();
    await page.waitForLoadState("networkidle");
    await mkdir(join(REPO_ROOT, "docs/screenshots"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "docs/screenshots/admin-schedule.png") });

    for (const section of ["halls", "bookings", "users", "reports"]) {
      await page.goto(`/admin/${section}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      await page.waitForLoadState("networkidle");
      await screenshot(page, `admin-${section}`);
    }
  } finally {
    await context.close();
  }

  const guest = await newContext(browser, server);
  try {
    await guest.page.goto(`/?day=${day}`);
    const showtimes = guest.page.getByRole("list", { name: `Showtimes of ${title}` });
    await showtimes.waitFor();
    await expect(showtimes.getByText("20:00").first().isVisible()).resolves.toBe(true);
    await screenshot(guest.page, "guest-sees-admin-showtime");
  } finally {
    await guest.context.close();
  }
});
