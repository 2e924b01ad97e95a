// Customer flows in Chromium against the real server: book and cancel, a lost race, a
// keyboard-only booking, and an expired session.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiClient,
  launchBrowser,
  newContext,
  REPO_ROOT,
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

/** A showtime at least two hours ahead (so sales are open) and its free seats. */
async function upcomingShowtime(skip = 0) {
  const api = apiClient(server);
  const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const { items } = await api.showtime.list.query({ from, limit: 20 });
  const showtime = items[skip];
  if (!showtime) throw new Error("the demo data has no upcoming showtimes");
  const map = await api.showtime.seatMap.query({ showtimeId: showtime.id });
  return { showtime, free: map.seats.filter((s) => s.state === "AVAILABLE") };
}

const seatButton = (page: Page, label: string) => page.locator(`button[data-seat="${label}"]`);

async function focusedSeat(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute("data-seat") ?? null);
}

/** Screenshots for the README should not carry a "Welcome!" toast. */
async function dismissToasts(page: Page): Promise<void> {
  await page
    .locator("[data-toast]")
    .first()
    .waitFor({ state: "detached", timeout: 10_000 })
    .catch(() => undefined);
}

async function tabUntil(page: Page, done: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await done()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("the element was not reached with Tab");
}

describe("customer", () => {
  it("signs up, picks a day, a film and seats, books, finds and cancels the booking", async () => {
    const { context, page } = await newContext(browser, server);
    await signUp(page);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    await page.getByRole("heading", { name: "What's on" }).waitFor();

    // Tomorrow always has a full programme, whatever time the suite runs.
    await page.getByRole("radio").nth(1).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get("day"))
      .toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const firstFilm = page.locator("article h2 a").first();
    await firstFilm.waitFor();
    await screenshot(page, "whats-on");
    const title = (await firstFilm.textContent()) ?? "";
    await firstFilm.click();

    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Showtimes" }).waitFor();
    await screenshot(page, "movie");
    await page.locator("#showtimes-heading ~ div a").first().click();

    await page.getByRole("grid", { name: "Seat map" }).waitFor();
    const available = page.locator('button[data-seat][aria-label$=", available"]');
    await available.nth(12).click();
    await available.nth(12).click(); // the 13th is now the next free one
    await expect.poll(() => page.locator('button[aria-label$=", selected"]').count()).toBe(2);
    await page.getByRole("list", { name: "Selected seats" }).waitFor();
    await dismissToasts(page);
    await screenshot(page, "seat-map");
    await mkdir(join(REPO_ROOT, "docs/screenshots"), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, "docs/screenshots/seat-map.png") });

    await page.getByRole("button", { name: "Hold seats" }).click();
    await page.getByRole("timer").waitFor();
    await expect.poll(() => page.locator('button[aria-label$=", held for you"]').count()).toBe(2);
    await screenshot(page, "seat-map-held");
    await page.getByRole("button", { name: "Confirm booking" }).click();
    await page.getByRole("heading", { name: "You're booked!" }).waitFor();
    const code = ((await page.getByTestId("booking-code").textContent()) ?? "").trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.getByRole("img", { name: `QR code of booking ${code}` }).waitFor();
    await screenshot(page, "booked");

    await page.getByRole("link", { name: "My bookings" }).last().click();
    await page.getByRole("heading", { name: "My bookings" }).waitFor();
    const card = page.locator("article", { hasText: code });
    await card.waitFor();
    expect(await card.textContent()).toContain("Confirmed");
    await screenshot(page, "my-bookings");

    await card.getByRole("button", { name: "Cancel booking" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this booking?" });
    await dialog.waitFor();
    await screenshot(page, "cancel-dialog");
    await dialog.getByRole("button", { name: "Cancel booking" }).click();
    await dialog.waitFor({ state: "detached" });
    await card.getByText("Cancelled", { exact: true }).waitFor();
    expect(await card.getByRole("button", { name: "Cancel booking" }).count()).toBe(0);
    await context.close();
  });

  it("tells the loser of a race which seat was taken and refreshes the map", async () => {
    const { showtime, free } = await upcomingShowtime(1);
    const seat = free[5];
    if (!seat) throw new Error("no free seat");
    const a = await newContext(browser, server);
    const b = await newContext(browser, server);
    await signUp(a.page, { name: "Ada Winner" });
    await signUp(b.page, { name: "Bob Loser" });
    for (const { page } of [a, b]) {
      await page.goto(`/showtimes/${showtime.id}`);
      await seatButton(page, seat.label).click();
      await page.getByRole("button", { name: "Hold seats" }).waitFor();
    }
    await a.page.getByRole("button", { name: "Hold seats" }).click();
    await a.page.getByRole("button", { name: "Confirm booking" }).waitFor();
    await b.page
      .getByRole("button", { name: "Hold seats" })
      .click()
      .catch(() => undefined);

    // Either the hold lost the race (409) or the poll noticed first: both say so by name.
    // (The words may stand twice: in the screen-reader announcement and in a toast.)
    await b.page.getByText(`${seat.label} was just taken`, { exact: false }).first().waitFor();
    await expect
      .poll(() => seatButton(b.page, seat.label).getAttribute("aria-label"))
      .toMatch(/, taken$/);
    await b.page.getByText("Choose seats on the map.").waitFor();
    await screenshot(b.page, "race-lost");
    await a.context.close();
    await b.context.close();
  });

  it("books with the keyboard alone", async () => {
    const { showtime } = await upcomingShowtime(2);
    const { context, page } = await newContext(browser, server);
    await signUp(page, { name: "Kay Board" });
    await page.goto(`/showtimes/${showtime.id}`);
    await page.getByRole("grid", { name: "Seat map" }).waitFor();

    await tabUntil(page, async () => (await focusedSeat(page)) !== null);
    const start = await focusedSeat(page);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    const first = await focusedSeat(page);
    expect(first).not.toBe(start);
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    const second = await focusedSeat(page);
    await page.keyboard.press("Enter");
    for (const label of [first, second]) {
      expect(await seatButton(page, label ?? "").getAttribute("aria-label")).toMatch(/, selected$/);
    }

    const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());
    await tabUntil(page, async () => (await focusedText()) === "Hold seats");
    await page.keyboard.press("Enter");
    await page.getByRole("timer").waitFor();
    // Focus moves to the next step by itself.
    await expect.poll(focusedText).toBe("Confirm booking");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "You're booked!" }).waitFor();
    await context.close();
  });

  it("sends an expired session to sign-in and back to the page", async () => {
    const { context, page } = await newContext(browser, server);
    const credentials = await signUp(page, { name: "Sam Session" });
    await page.getByRole("heading", { name: "What's on" }).waitFor();
    await context.clearCookies(); // the session is gone, the app does not know yet

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "My bookings" })
      .click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe("/bookings");
    await screenshot(page, "sign-in");

    await page.getByLabel("E-mail").fill(credentials.email);
    await page.getByLabel("Password").fill(credentials.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My bookings" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/bookings");
    await context.close();
  });

  it("works on a phone; a guest who holds seats signs in first and comes back", async () => {
    const { context, page } = await newContext(browser, server, {
      viewport: { width: 390, height: 844 },
    });
    const { showtime, free } = await upcomingShowtime(3);
    const seat = free[0];
    if (!seat) throw new Error("no free seat");
    await page.goto("/");
    await page.locator("article h2 a").first().waitFor();
    await screenshot(page, "phone-whats-on");
    await page.goto(`/showtimes/${showtime.id}`);
    await page.getByRole("grid", { name: "Seat map" }).waitFor();
    await seatButton(page, seat.label).click();
    await screenshot(page, "phone-seat-map");

    await page.getByRole("button", { name: "Hold seats" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/showtimes/${showtime.id}`);
    const credentials = await signUpViaApi();
    await page.getByLabel("E-mail").fill(credentials.email);
    await page.getByLabel("Password").fill(credentials.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("grid", { name: "Seat map" }).waitFor();
    expect(await seatButton(page, seat.label).getAttribute("aria-label")).toMatch(/, selected$/);
    await page.getByRole("button", { name: "Hold seats" }).click();
    await page.getByRole("button", { name: "Confirm booking" }).waitFor();
    await context.close();
  });
});

async function signUpViaApi() {
  const email = `phone-${Date.now().toString(36)}@e2e.test`;
  const password = "phone-password-1";
  await apiClient(server).auth.register.mutate({ email, name: "Pat Phone", password });
  return { email, password };
}
