import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { type SeatMapSeat } from "../api-types";
import { SeatMap } from "./SeatMap";

// Row A: A1 A2 _ A3 (an aisle at x=2); row B: B1 (premium, sold) B2 (premium) _ B3 (wheelchair, held)
const seat = (
  s: Partial<SeatMapSeat> & Pick<SeatMapSeat, "row" | "number" | "x" | "y">,
): SeatMapSeat => ({
  id: `${s.row}${s.number}`,
  label: `${s.row}${s.number}`,
  kind: "STANDARD",
  price: 1250,
  state: "AVAILABLE",
  ...s,
});
const SEATS: SeatMapSeat[] = [
  seat({ row: "A", number: 1, x: 0, y: 0 }),
  seat({ row: "A", number: 2, x: 1, y: 0 }),
  seat({ row: "A", number: 3, x: 3, y: 0 }),
  seat({ row: "B", number: 1, x: 0, y: 1, kind: "PREMIUM", price: 1600, state: "SOLD" }),
  seat({ row: "B", number: 2, x: 1, y: 1, kind: "PREMIUM", price: 1600 }),
  seat({ row: "B", number: 3, x: 3, y: 1, kind: "WHEELCHAIR", price: 900, state: "HELD" }),
];

function Harness({ onToggle }: { onToggle?: (seat: SeatMapSeat) => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  return (
    <SeatMap
      seats={SEATS}
      width={4}
      height={2}
      currency="EUR"
      selected={selected}
      onToggle={(s) => {
        onToggle?.(s);
        setSelected((prev) => {
          const next = new Set(prev);
          if (next.has(s.id)) next.delete(s.id);
          else next.add(s.id);
          return next;
        });
      }}
    />
  );
}

describe("SeatMap", () => {
  it("labels every seat with row, number, kind, price and state", () => {
    render(<Harness />);
    const grid = screen.getByRole("grid", { name: "Seat map" });
    expect(within(grid).getAllByRole("row")).toHaveLength(2);
    expect(
      screen.getByRole("button", { name: "Row A, seat 1, standard, €12.50, available" }),
    ).toBeTruthy();
    expect(
      screen.getByRole("button", { name: "Row B, seat 1, premium, €16.00, sold" }),
    ).toBeTruthy();
    expect(
      screen.getByRole("button", { name: "Row B, seat 3, wheelchair space, €9.00, taken" }),
    ).toBeTruthy();
    expect(screen.getByRole("rowheader", { name: "Row B" })).toBeTruthy();
  });

  it("selects and releases seats with the mouse, and says so in the label", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole("button", { name: /Row A, seat 2,/ }));
    const chosen = screen.getByRole("button", {
      name: "Row A, seat 2, standard, €12.50, selected",
    });
    expect(chosen.getAttribute("aria-pressed")).toBe("true");
    await user.click(chosen);
    expect(
      screen.getByRole("button", { name: "Row A, seat 2, standard, €12.50, available" }),
    ).toBeTruthy();
  });

  it("never lets a taken seat be chosen", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<Harness onToggle={onToggle} />);
    const sold = screen.getByRole("button", { name: /Row B, seat 1,.*sold/ });
    const held = screen.getByRole("button", { name: /Row B, seat 3,.*taken/ });
    expect(sold.getAttribute("aria-disabled")).toBe("true");
    await user.click(sold);
    await user.click(held);
    held.focus();
    await user.keyboard("{Enter}[Space]");
    expect(onToggle).not.toHaveBeenCalled();
    expect(screen.getByRole("button", { name: /Row B, seat 1,.*sold/ })).toBeTruthy();
  });

  it("is one tab stop; arrows move across aisles and rows; Space and Enter choose", async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(
      <>
        <button type="button">before</button>
        <Harness onToggle={onToggle} />
        <button type="button">after</button>
      </>,
    );
    await user.tab();
    await user.tab();
    expect(document.activeElement?.getAttribute("data-seat")).toBe("A1");
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement?.getAttribute("data-seat")).toBe("A2");
    await user.keyboard("{ArrowRight}"); // across the aisle
    expect(document.activeElement?.getAttribute("data-seat")).toBe("A3");
    await user.keyboard("[Space]");
    expect(onToggle).toHaveBeenLastCalledWith(expect.objectContaining({ label: "A3" }));
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement?.getAttribute("data-seat")).toBe("B3");
    await user.keyboard("{ArrowLeft}{Enter}");
    expect(document.activeElement?.getAttribute("data-seat")).toBe("B2");
    expect(onToggle).toHaveBeenLastCalledWith(expect.objectContaining({ label: "B2" }));
    await user.keyboard("{Home}");
    expect(document.activeElement?.getAttribute("data-seat")).toBe("B1");
    await user.tab();
    expect(document.activeElement?.textContent).toBe("after");
    expect(screen.getByRole("button", { name: /Row A, seat 3,.*selected/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Row B, seat 2,.*selected/ })).toBeTruthy();
  });
});
