import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";
import { dismissToast, toast, ToastHost } from "./toast";

afterEach(() => {
  act(() => dismissToast());
  cleanup();
  vi.useRealTimers();
});

it("announces toasts in live regions without putting anything in the Tab order", () => {
  render(<ToastHost />);
  act(() => {
    toast.success("Saved");
    toast.error("Not saved");
  });
  const polite = document.querySelector("[data-toasts=polite]") as HTMLElement;
  const urgent = document.querySelector("[data-toasts=assertive]") as HTMLElement;
  expect(urgent.getAttribute("aria-live")).toBe("assertive");
  expect(polite.getAttribute("aria-live")).toBe("polite");
  expect(polite.textContent).toBe("Saved");
  expect(urgent.textContent).toBe("Not saved");
  const host = polite.parentElement as HTMLElement;
  expect(host.querySelectorAll("button, a, [tabindex], input")).toHaveLength(0);
});

it("replaces a toast with the same id and dismisses toasts after their time", () => {
  vi.useFakeTimers();
  render(<ToastHost />);
  act(() => {
    toast.info("Please sign in to continue.", { id: "session" });
    toast.info("Please sign in to continue.", { id: "session" });
  });
  expect(screen.getAllByText("Please sign in to continue.")).toHaveLength(1);
  act(() => {
    vi.advanceTimersByTime(5_999);
  });
  expect(screen.queryByText("Please sign in to continue.")).not.toBeNull();
  act(() => {
    vi.advanceTimersByTime(2);
  });
  expect(screen.queryByText("Please sign in to continue.")).toBeNull();
});

it("dismisses a toast when it is clicked", () => {
  render(<ToastHost />);
  act(() => {
    toast.warning("Careful");
  });
  act(() => screen.getByText("Careful").click());
  expect(screen.queryByText("Careful")).toBeNull();
});
