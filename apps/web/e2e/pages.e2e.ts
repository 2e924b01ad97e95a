// Every page and state a customer and an admin visit, on a desktop: axe-core finds no
// critical or serious violation, each page has its own title, and focus lands somewhere
// meaningful after a dialog or a menu closes.
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./a11y";
import {
  apiClient,
  launchBrowser,
  newContext,
  signInAsAdmin,
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

/** Waits for the page's own title (set once its data is in), then runs axe. */
async function check(page: Page, state: string, title: RegExp | string) {
  await expect.poll(() => page.title(), { message: `the title of ${state}` }).toMatch(title);
  await page.waitForLoadState("networkidle");
  await expectNoSeriousViolations(page, state);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body
      ? (el.getAttribute("aria-label") ?? el.textContent ?? "")
      : null;
  });

describe("every page", () => {
  it("a guest's and a customer's pages pass axe and carry their own titles", async () => {
    const { context, page } = await newContext(browser, server);
    await page.goto("/");
    await page.getByRole("heading", { name: "What's on" }).waitFor();
    // Tomorrow always has a full programme, whatever time the suite runs.
    await page.getByRole("radio").nth(1).click();
    await page.locator("article h2 a").first().waitFor();
    await check(page, "home (guest)", "What's on · Marquee");

    await page.goto("/no-such-page");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await check(page, "the 404 page", "Page not found · Marquee");

    await page.goto("/signin");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await check(page, "sign-in", "Sign in · Marquee");

    await page.goto("/signup");
    await check(page, "sign-up", "Create an account · Marquee");
    await signUp(page, { name: "Axel Axe" });

    await page.goto("/");
    await page.getByRole("radio").nth(1).click();
    const film = page.locator("article h2 a").first();
    const title = ((await film.textContent()) ?? "").trim();
    await check(page, "home (signed in)", "What's on · Marquee");
    await film.click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    await check(page, "a film", `${title} · Marquee`);

    const from = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const showtime = (await apiClient(server).showtime.list.query({ from, limit: 1 })).items[0];
    if (!showtime) throw new Error("no upcoming showtime");
    await page.goto(`/showtimes/${showtime.id}`);
    await page.getByRole("grid", { name: "Seat map" }).waitFor();
    const seatTitle = new RegExp(
      `^${showtime.movie.title}, \\w{3} \\d{1,2} \\w{3} ${showtime.localTime} · Marquee$`,
    );
    await check(page, "the seat page", seatTitle);
    await page.locator('button[data-seat][aria-label$=", available"]').nth(3).click();
    await page.getByRole("button", { name: "Hold seats" }).click();
    await page.getByRole("timer").waitFor();
    await check(page, "the seat page with seats held", seatTitle);
    await page.getByRole("button", { name: "Confirm booking" }).click();
    await page.getByRole("heading", { name: "You're booked!" }).waitFor();
    expect(await focused(page)).toMatch(/You're booked!/);
    await check(page, "booking done", seatTitle);

    await page.goto("/bookings");
    const card = page.locator("#bookings-panel article").first();
    await card.waitFor();
    await check(page, "My bookings", "My bookings · Marquee");
    // Escape closes the dialog and gives focus back to the button that opened it.
    await card.getByRole("button", { name: "Cancel booking" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this booking?" });
    await dialog.waitFor();
    await expectNoSeriousViolations(page, "the cancel dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => focused(page)).toBe("Cancel booking");
    // Cancelling removes that button: focus stays on the booking, not the page body.
    await card.getByRole("button", { name: "Cancel booking" }).click();
    await dialog.getByRole("button", { name: "Cancel booking" }).click();
    await card.getByText("Cancelled", { exact: true }).waitFor();
    await expect.poll(() => focused(page)).toBe(showtime.movie.title);

    // The account menu: Escape closes it and focus returns to its button.
    const menu = page.getByRole("button", { name: /Account menu/ });
    await menu.click();
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatch(/^Account menu/);

    await page.goto("/account");
    await check(page, "the account page", "Your account · Marquee");
    // Edit the name; then delete the account (GDPR), after the password and a confirmation.
    await page.getByLabel("Name").fill("Axel Renamed");
    await page.getByRole("button", { name: "Save details" }).click();
    await page.getByRole("button", { name: "Account menu for Axel Renamed" }).waitFor();
    await page.getByLabel("Password", { exact: true }).fill("popcorn-and-soda");
    await page.getByRole("button", { name: "Delete my account" }).click();
    const erase = page.getByRole("dialog", { name: "Delete your account?" });
    await erase.waitFor();
    await expectNoSeriousViolations(page, "the delete-account dialog");
    await erase.getByRole("button", { name: "Delete my account" }).click();
    await page.getByRole("heading", { name: "What's on" }).waitFor();
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    await context.close();
  });

  it("every admin page passes axe and carries its own title", async () => {
    const { context, page } = await newContext(browser, server);
    await signInAsAdmin(page);
    const { today } = await apiClient(server).cinema.info.query();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const pages: [string, string][] = [
      [`/admin/schedule?date=${tomorrow}`, "Schedule · Admin · Marquee"],
      ["/admin", "Admin dashboard · Marquee"],
      ["/admin/schedule", "Schedule · Admin · Marquee"],
      ["/admin/movies", "Movies · Admin · Marquee"],
      ["/admin/halls", "Halls · Admin · Marquee"],
      ["/admin/bookings", "Bookings · Admin · Marquee"],
      ["/admin/users", "Users · Admin · Marquee"],
      ["/admin/reports", "Reports · Admin · Marquee"],
    ];
    const failures: string[] = [];
    for (const [path, title] of pages) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      try {
        await check(page, path, title);
      } catch (error) {
        failures.push(String(error));
      }
    }
    expect(failures.join("\n")).toBe("");
    await context.close();
  });
});
