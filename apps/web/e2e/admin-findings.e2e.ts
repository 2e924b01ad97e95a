// Issue #15's admin findings in a real browser: the schedule warns about a clash while the
// form is filled in (one message, the cinema's date), a role change asks first and says the
// person is signed out, reports download as CSV, the schedule fits a 390 px phone, the
// layout editor draws seats like the guests' map, and focus lands somewhere useful (after a
// refused sign-up, a refused save, Escape) without toasts catching Tab. axe checks every
// admin page and state visited. Every step waits for a condition, never for a time.
import { readFile } from "node:fs/promises";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousViolations } from "./a11y";
import {
  adminApi,
  apiClient,
  launchBrowser,
  newContext,
  signInAsAdmin,
  startServer,
  uniqueEmail,
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

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "2026-12-05" -> "Sat 5 Dec", as the app formats a cinema-local date. */
function shortDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${date}T00:00:00Z`));
}

const activeText = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? "");

describe("admin findings", () => {
  it("warns about a clash before saving, once, with the cinema's date, and focuses it on save", async () => {
    const api = await adminApi(server);
    const { today } = await api.cinema.info.query();
    const day = addDays(today, 11);
    const title = `Clash Reel ${Date.now().toString(36)}`;
    const movie = await api.movie.create.mutate({ title, durationMinutes: 95, genres: [] });
    const halls = await api.hall.list.query();
    const hall = halls[0];
    if (!hall) throw new Error("the demo cinema has no hall");
    await api.showtime.create.mutate({
      movieId: movie.id,
      hallId: hall.id,
      startsAt: `${day}T20:00:00+01:00`,
      prices: { STANDARD: 1000 },
    });

    const { context, page } = await newContext(browser, server);
    try {
      await signInAsAdmin(page);
      await page.goto(`/admin/schedule?date=${day}`);
      const form = page.getByRole("form", { name: "New showtime" });
      await form.getByLabel("Film").selectOption({ label: `${title} (95 min)` });
      await form.getByLabel("Hall").selectOption({ label: hall.name });
      await form.getByLabel("Start time").fill("20:30");

      // Nothing submitted yet: the live check speaks.
      const warning = form.getByText(`${hall.name} is not free then`, { exact: false });
      await warning.waitFor();
      const box = form.locator("[role=alert]", { hasText: "is not free then" });
      const text = await box.innerText();
      expect(text).not.toContain("Not saved");
      expect(text).toContain(`“${title}” 20:00–21:50 (cleaning included), ${shortDate(day)}`);
      expect(text).not.toContain(day); // never the raw ISO date
      expect(text.split(title).length - 1).toBe(1); // the title once
      expect(await form.getByText(/is not free then/).count()).toBe(1);
      expect(await form.getByLabel("Start time").getAttribute("aria-invalid")).toBe("true");
      await expectNoSeriousViolations(page, "the schedule with a live clash warning");

      // Saving anyway: the server refuses, the same single message, and focus goes to it.
      await form.getByLabel("Standard price").fill("10");
      await form.getByRole("button", { name: "Schedule showtime" }).click();
      await form.getByText(/^Not saved: /).waitFor();
      expect(await form.getByText(/is not free then/).count()).toBe(1);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("role")))
        .toBe("alert");
      expect(await activeText(page)).toContain(`“${title}” 20:00–21:50`);
      await expectNoSeriousViolations(page, "the schedule after a refused save");

      // A free time clears it.
      await form.getByLabel("Start time").fill("22:00");
      await expect.poll(() => form.getByText(/is not free then/).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("asks before a role change, says the person is signed out, and gives focus back on Escape", async () => {
    const email = uniqueEmail("promote");
    await apiClient(server).auth.register.mutate({
      name: "Pat Promoted",
      email,
      password: "long-enough-password",
    });
    const { context, page } = await newContext(browser, server);
    try {
      await signInAsAdmin(page);
      await page.goto("/admin/users");
      await page.getByLabel("Search users by e-mail or name").fill(email);
      const promote = page.getByRole("button", { name: `Make admin ${email}` });
      await promote.click();
      const dialog = page.getByRole("dialog", { name: `Make ${email} an admin?` });
      await dialog.waitFor();
      expect(await dialog.innerText()).toMatch(/Pat Promoted will be signed out on every device/);
      await expectNoSeriousViolations(page, "the role change confirmation");

      // Escape closes it and focus returns to the button that opened it.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => activeText(page)).toContain("Make admin");

      await promote.click();
      await dialog.getByRole("button", { name: "Make an admin and sign out" }).click();
      await page.getByText(`${email} is now an admin and has been signed out.`).first().waitFor();
      await page.getByRole("button", { name: `Demote ${email}` }).waitFor();
      await expectNoSeriousViolations(page, "the users page after a promotion");

      // The success toast is announced but never in the Tab order: from the last control,
      // Tab never lands in it (and so never bounces back).
      expect(await page.locator("[data-toasts] :is(a, button, input, [tabindex])").count()).toBe(0);
      await page.locator("[data-toasts] [data-toast]").first().waitFor();
      const last = page.getByRole("button", { name: `Delete ${email}` });
      await last.focus();
      for (let i = 0; i < 3; i += 1) {
        await page.keyboard.press("Tab");
        expect(
          await page.evaluate(() => Boolean(document.activeElement?.closest("[data-toasts]"))),
        ).toBe(false);
      }

      // A menu closed with Escape gives focus back to its button too.
      const menu = page.getByRole("button", { name: /Account menu/ });
      await menu.click();
      await page.getByRole("link", { name: "My bookings" }).first().waitFor();
      await page.keyboard.press("Escape");
      await expect.poll(() => menu.evaluate((el) => el === document.activeElement)).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("downloads the report figures as CSV and labels its charts", async () => {
    const { context, page } = await newContext(browser, server);
    try {
      await signInAsAdmin(page);
      await page.goto("/admin/reports");
      await page.getByRole("table", { name: "Figures per showtime" }).waitFor();
      await expectNoSeriousViolations(page, "the reports page");

      // Labelled charts: axis titles and a title/description in each SVG.
      for (const name of ["Revenue and occupancy per day", "Revenue and occupancy per movie"]) {
        const figure = page.getByRole("figure", { name });
        await figure.locator("svg title").first().waitFor({ state: "attached" });
        const labels = await figure.locator("svg text").allTextContents();
        expect(labels.join("|")).toContain("Revenue (EUR)");
        expect(labels.join("|")).toContain("Occupancy (%)");
      }

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Per showtime (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^marquee-showtimes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
      );
      const path = await download.path();
      const csv = await readFile(path, "utf8");
      const lines = csv.split("\r\n").filter((l) => l !== "");
      expect(lines[0]).toBe(
        "Date,Start (local),Film,Hall,Seats sold,Capacity,Occupancy (%),Revenue (EUR),Cancelled bookings,Status",
      );
      // One line per row of the table on the page, the first film first.
      const rows = page.getByRole("table", { name: "Figures per showtime" }).locator("tbody tr");
      expect(lines.length - 1).toBe(await rows.count());
      const firstFilm = await rows.first().locator("td").nth(1).innerText();
      expect(lines[1]).toContain(firstFilm.includes(",") ? `"${firstFilm}"` : firstFilm);

      const [days] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Per day (CSV)" }).click(),
      ]);
      const dayCsv = await readFile(await days.path(), "utf8");
      expect(dayCsv.split("\r\n")[0]).toBe(
        "Date,Showtimes,Seats sold,Capacity,Occupancy (%),Revenue (EUR),Cancelled bookings",
      );
    } finally {
      await context.close();
    }
  });

  it("fits the schedule on a 390 px phone without sideways page scrolling", async () => {
    const { context, page } = await newContext(browser, server, {
      viewport: { width: 390, height: 844 },
    });
    try {
      await signInAsAdmin(page);
      await page.goto("/admin/schedule");
      await page.getByRole("list", { name: "Halls" }).waitFor();
      await page.getByRole("form", { name: "New showtime" }).waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await expectNoSeriousViolations(page, "the schedule at 390 px");
    } finally {
      await context.close();
    }
  });

  it("draws the layout editor's seats in the customer map's colours", async () => {
    const api = await adminApi(server);
    const { today } = await api.cinema.info.query();
    const showtimes = await api.showtime.list.query({ date: addDays(today, 1), limit: 100 });
    const showtime = showtimes.items[0];
    if (!showtime) throw new Error("the demo cinema has no showtime tomorrow");

    const colours = (locator: ReturnType<Page["locator"]>) =>
      locator.evaluate((el) => {
        const style = getComputedStyle(el);
        return {
          background: style.backgroundColor,
          border: style.borderTopColor,
          color: style.color,
        };
      });

    const guest = await newContext(browser, server);
    let customer: Record<string, Awaited<ReturnType<typeof colours>>> = {};
    try {
      await guest.page.goto(`/showtimes/${showtime.id}`);
      await guest.page.getByRole("grid", { name: "Seat map" }).waitFor();
      for (const kind of ["standard", "premium"]) {
        const seat = guest.page
          .locator(`button[data-seat][aria-label*=", ${kind}, "][aria-label$=", available"]`)
          .first();
        if ((await seat.count()) === 0) continue;
        customer = {
          ...customer,
          [kind]: await colours(seat.locator("span[aria-hidden]").first()),
        };
      }
    } finally {
      await guest.context.close();
    }
    expect(Object.keys(customer)).toContain("standard");

    const { context, page } = await newContext(browser, server);
    try {
      await signInAsAdmin(page);
      await page.goto("/admin/halls");
      await page.getByRole("button", { name: `Edit ${showtime.hall.name}` }).click();
      const editor = page.getByRole("form", { name: `Edit ${showtime.hall.name}` });
      await editor.getByRole("grid", { name: "Hall layout" }).waitFor();
      for (const [kind, expected] of Object.entries(customer)) {
        const cell = editor
          .locator(`button[data-cell][aria-label*=": ${kind} seat"]`)
          .first()
          .locator("span[aria-hidden]")
          .first();
        expect({ kind, ...(await colours(cell)) }).toEqual({ kind, ...expected });
      }
      await expectNoSeriousViolations(page, "the hall layout editor");
    } finally {
      await context.close();
    }
  });

  it("moves focus to the first invalid field after a refused sign-up", async () => {
    const { context, page } = await newContext(browser, server);
    try {
      await page.goto("/signup");
      await page.getByLabel("Name").fill("Focus Tester");
      await page.getByLabel("E-mail").fill("not-an-address");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.locator('[aria-invalid="true"]').first().waitFor();
      await expect
        .poll(() =>
          page.evaluate(() => {
            const el = document.activeElement;
            return el instanceof HTMLInputElement ? el.getAttribute("aria-invalid") : null;
          }),
        )
        .toBe("true");
      const first = await page.locator('[aria-invalid="true"]').first().getAttribute("name");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(first);
      await expectNoSeriousViolations(page, "the sign-up form with errors");
    } finally {
      await context.close();
    }
  });
});
