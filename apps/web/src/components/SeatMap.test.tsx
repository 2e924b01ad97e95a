import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { type SeatMapSeat } from "../api-types";
import { type OwnHold, SEAT_MAX, SEAT_MIN, SeatMap } from "./SeatMap";

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
    expect(document.activeElement?.getAttribute("aria-label")).toBe("Zoom out");
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

describe("SeatMap, the viewer's own seats", () => {
  const mine: SeatMapSeat[] = [
    seat({ row: "A", number: 1, x: 0, y: 0, state: "MINE" }),
    seat({ row: "A", number: 2, x: 1, y: 0, state: "MINE" }),
    seat({ row: "A", number: 3, x: 3, y: 0 }),
  ];
  const renderMine = (hold: OwnHold | null, onToggle = vi.fn()) => {
    render(
      <SeatMap
        seats={mine}
        width={4}
        height={1}
        currency="EUR"
        selected={new Set(["A2"])}
        onToggle={onToggle}
        locked={Boolean(hold) && !hold?.changing}
        hold={hold}
      />,
    );
    return onToggle;
  };

  it("tells seats already bought from seats held, and draws them differently", () => {
    renderMine({ seatIds: new Set(["A2"]), changing: false });
    const bought = screen.getByRole("button", { name: /Row A, seat 1,.*booked by you$/ });
    const held = screen.getByRole("button", { name: /Row A, seat 2,.*held for you$/ });
    expect(bought.innerHTML).not.toBe(held.innerHTML);
    expect(bought.getAttribute("aria-disabled")).toBe("true");
  });

  it("lets held seats be released and others chosen while changing seats, never bought ones", async () => {
    const user = userEvent.setup();
    const onToggle = renderMine({ seatIds: new Set(["A2"]), changing: true });
    await user.click(screen.getByRole("button", { name: /Row A, seat 2,.*selected$/ }));
    await user.click(screen.getByRole("button", { name: /Row A, seat 3,.*available$/ }));
    await user.click(screen.getByRole("button", { name: /Row A, seat 1,.*booked by you$/ }));
    expect(onToggle.mock.calls.map(([s]) => (s as SeatMapSeat).label)).toEqual(["A2", "A3"]);
  });
});

describe("SeatMap zoom", () => {
  it("zooms in and out by buttons, within 24 px and its largest size", async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const viewport = screen.getByTestId("seat-map-viewport");
    const size = () => Number(viewport.getAttribute("data-seat-size"));
    const seatBox = () => screen.getByRole("button", { name: /Row A, seat 1,/ }).style.width;
    const start = size();
    await user.click(screen.getByRole("button", { name: "Zoom in" }));
    expect(size()).toBeGreaterThan(start);
    expect(seatBox()).toBe(`${size()}px`);
    for (let i = 0; i < 10; i += 1) {
      const zoomIn = screen.getByRole<HTMLButtonElement>("button", { name: "Zoom in" });
      if (zoomIn.disabled) break;
      await user.click(zoomIn);
    }
    expect(size()).toBe(SEAT_MAX);
    for (let i = 0; i < 10; i += 1) {
      const zoomOut = screen.getByRole<HTMLButtonElement>("button", { name: "Zoom out" });
      if (zoomOut.disabled) break;
      await user.click(zoomOut);
    }
    expect(size()).toBe(SEAT_MIN);
    expect(seatBox()).toBe(`${SEAT_MIN}px`);
  });
});
