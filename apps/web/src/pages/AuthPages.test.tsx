import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Me } from "../api-types";
import { renderApp } from "../test/render";
import { fail, mockTrpc } from "../test/trpc-mock";

afterEach(() => vi.unstubAllGlobals());

describe("sign-up and sign-in forms", () => {
  it("shows the API's field errors next to their fields", async () => {
    mockTrpc({
      "auth.me": () => null,
      "auth.register": () =>
        fail({
          code: "BAD_REQUEST",
          httpStatus: 400,
          message: "Invalid input",
          fieldErrors: {
            email: ["Enter a valid e-mail address"],
            password: ["Use at least 8 characters"],
          },
        }),
    });
    const user = userEvent.setup();
    renderApp(["/signup"]);
    await user.type(await screen.findByLabelText("Name"), "Ada");
    await user.type(screen.getByLabelText("E-mail"), "nope");
    await user.type(screen.getByLabelText("Password"), "short");
    await user.click(screen.getByRole("button", { name: "Create account" }));

    const email = screen.getByLabelText("E-mail");
    await screen.findByText("Enter a valid e-mail address");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    // Focus moves to the first invalid field, not left on the button.
    await vi.waitFor(() => expect(document.activeElement).toBe(email));
    expect(document.getElementById(email.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Enter a valid e-mail address",
    );
    const password = screen.getByLabelText("Password");
    expect(password.getAttribute("aria-describedby")).toContain("error");
    expect(screen.getByText("Use at least 8 characters")).toBeTruthy();
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows a wrong password as a form error, without leaving the page", async () => {
    mockTrpc({
      "auth.me": () => null,
      "auth.login": () =>
        fail({ code: "UNAUTHORIZED", httpStatus: 401, message: "E-mail or password is incorrect" }),
    });
    const user = userEvent.setup();
    renderApp(["/signin?next=%2Fbookings"]);
    await user.type(await screen.findByLabelText("E-mail"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong-one");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert.textContent).toContain("E-mail or password is incorrect");
    // No field is at fault: focus goes to the error summary.
    await vi.waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
    expect(screen.getByRole("heading", { name: "Sign in" })).toBeTruthy();
  });

  it("explains a rate limit", async () => {
    mockTrpc({
      "auth.me": () => null,
      "auth.login": () => fail({ code: "TOO_MANY_REQUESTS", httpStatus: 429, message: "Too many" }),
    });
    const user = userEvent.setup();
    renderApp(["/signin"]);
    await user.type(await screen.findByLabelText("E-mail"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "whatever1");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText(/Too many attempts/)).toBeTruthy();
  });

  it("signs in and returns to the page in ?next=", async () => {
    let signedIn = false;
    const user: Me = { id: "u1", email: "ada@example.com", name: "Ada", role: "USER" };
    mockTrpc({
      "auth.me": () => (signedIn ? user : null),
      "auth.login": () => {
        signedIn = true;
        return { user };
      },
      "reservation.mine": () => ({ items: [], nextCursor: null }),
    });
    const u = userEvent.setup();
    renderApp(["/signin?next=%2Fbookings"]);
    await u.type(await screen.findByLabelText("E-mail"), "ada@example.com");
    await u.type(screen.getByLabelText("Password"), "right-one");
    await u.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("heading", { name: "My bookings" })).toBeTruthy();
    expect(await screen.findByText("No upcoming bookings yet.")).toBeTruthy();
  });
});
