// The door and the inbox in Chromium against the real server: staff admit a booking at /door,
// and a forgotten password is reset with the link taken from a real SMTP server's inbox.
import { startTestSmtp, type TestSmtp } from "@marquee/api/testing/smtp";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminApi,
  apiClient,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  startServer,
  uniqueEmail,
  type TestServer,
} from "./harness";

let server: TestServer;
let browser: Browser;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "tickets@e2e.test" } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function account(role: "USER" | "STAFF") {
  const credentials = {
    email: uniqueEmail(role.toLowerCase()),
    name: `E2E ${role}`,
    password: "door-e2e-password",
  };
  const { user } = await apiClient(server).auth.register.mutate(credentials);
  if (role !== "USER")
    await (await adminApi(server)).user.setRole.mutate({ userId: user.id, role });
  const { token } = await apiClient(server).auth.createToken.mutate(credentials);
  return { ...credentials, id: user.id, api: apiClient(server, token) };
}

describe("the door", () => {
  it("staff sign in, open /door, type a code and see Admitted; a second scan is refused", async () => {
    const admin = await adminApi(server);
    // A showtime starting in 30 minutes, in a hall of its own: the doors are open.
    const hall = await admin.hall.create.mutate({
      name: `Door hall ${Date.now()}`,
      layout: ["SSSS"],
    });
    const movie = await admin.movie.create.mutate({
      title: "Door Test Film",
      genres: ["Drama"],
      durationMinutes: 90,
    });
    const showtime = await admin.showtime.create.mutate({
      movieId: movie.id,
      hallId: hall.id,
      startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      prices: { STANDARD: 1000 },
    });
    const guest = await account("USER");
    const map = await guest.api.showtime.seatMap.query({ showtimeId: showtime.id });
    const seats = map.seats.filter((s) => s.label === "A1" || s.label === "A2").map((s) => s.id);
    const hold = await guest.api.reservation.hold.mutate({
      showtimeId: showtime.id,
      seatIds: seats,
    });
    const booking = await guest.api.reservation.confirm.mutate({ reservationId: hold.id });

    const staff = await account("STAFF");
    const { context, page } = await newContext(browser, server, {
      viewport: { width: 390, height: 844 },
    });
    try {
      await signIn(page, staff);
      await page.getByRole("link", { name: "Door" }).click();
      await page.waitForURL("**/door");
      await page.getByLabel("Booking code").fill(booking.code.toLowerCase());
      await page.getByRole("button", { name: "Admit" }).click();
      const answer = page.getByRole("status").filter({ hasText: "Admitted" });
      await expect(answer.textContent()).resolves.toContain("Admitted: 2 seats, A1 A2");
      await screenshot(page, "door-admitted");
      await page.getByRole("button", { name: "Admit" }).click();
      await page.getByRole("status").filter({ hasText: "Already admitted at" }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe("password reset", () => {
  it("runs end to end with the link from the mail", async () => {
    const user = await account("USER");
    const { context, page } = await newContext(browser, server);
    try {
      await page.goto("/signin");
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      // The page is a lazy chunk: until it renders, "E-mail" is still the sign-in form's field.
      const send = page.getByRole("button", { name: "Send reset link" });
      await send.waitFor();
      await page.getByLabel("E-mail").fill(user.email);
      await send.click();
      await page.getByText("a link to reset its password is on its way").waitFor();

      const deadline = Date.now() + 60_000;
      let link: string | undefined;
      while (!link && Date.now() < deadline) {
        const mail = smtp.inbox.find(
          (m) => m.to && !Array.isArray(m.to) && m.to.text === user.email,
        );
        link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(mail?.text ?? "")?.[0];
        if (!link) await new Promise((r) => setTimeout(r, 200));
      }
      if (!link) throw new Error(`no reset mail for ${user.email}:\n${server.logs()}`);
      expect(new URL(link).origin).toBe(server.url);

      await page.goto(link);
      await page.getByLabel("New password").fill("a fresh passphrase");
      await page.getByRole("button", { name: "Set new password" }).click();
      await page.waitForURL("**/signin");
      await signIn(page, { email: user.email, password: "a fresh passphrase" });
      // The old session (the API token) ended with the reset.
      await expect(user.api.auth.me.query()).resolves.toBeNull();
    } finally {
      await context.close();
    }
  });
});
