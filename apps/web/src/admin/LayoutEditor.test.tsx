import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, expect, it } from "vitest";
import { LayoutEditor } from "./LayoutEditor";

afterEach(cleanup);

function Harness({ initial }: { initial: string[] }) {
  const [layout, setLayout] = useState(initial);
  return (
    <>
      <LayoutEditor layout={layout} onChange={setLayout} />
      <output data-testid="layout">{JSON.stringify(layout)}</output>
    </>
  );
}

const layoutNow = () => JSON.parse(screen.getByTestId("layout").textContent ?? "[]") as string[];
const preview = () => screen.getByRole("list", { name: "Seat rows" });

it("cycles a place on click and redraws the preview with the server's numbering", async () => {
  const user = userEvent.setup();
  render(<Harness initial={["SS_SS", "SSSSS"]} />);
  expect(screen.getByTestId("preview-summary").textContent).toBe("9 seats · 9 standard");
  // Row A, place 2 is seat A2; a click makes it premium.
  await user.click(
    screen.getByRole("button", { name: "Row A, place 2: standard seat (A2), number 2" }),
  );
  expect(layoutNow()).toEqual(["SP_SS", "SSSSS"]);
  expect(within(preview()).getByText("A2, premium")).toBeTruthy();
  expect(screen.getByTestId("preview-summary").textContent).toBe(
    "9 seats · 8 standard · 1 premium",
  );
  // The gap does not count: the seat after it is A3, and turning the gap into a seat
  // renumbers the rest of the row.
  expect(within(preview()).getByText("A3, standard")).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "Row A, place 3: gap" }));
  expect(layoutNow()[0]).toBe("SPSSS");
  expect(within(preview()).getByText("A5, standard")).toBeTruthy();
});

it("sets kinds from the keyboard and moves with the arrow keys", async () => {
  const user = userEvent.setup();
  render(<Harness initial={["SSS", "SSS"]} />);
  const first = screen.getByRole("button", {
    name: "Row A, place 1: standard seat (A1), number 1",
  });
  first.focus();
  await user.keyboard("w");
  expect(layoutNow()[0]).toBe("WSS");
  await user.keyboard("{ArrowDown}c{ArrowRight}_");
  expect(layoutNow()[1]).toBe("C_S");
  expect(within(preview()).getByText("A1, wheelchair space")).toBeTruthy();
  expect(within(preview()).getByText("B1, companion seat")).toBeTruthy();
  expect(within(preview()).getByText("B2, standard")).toBeTruthy();
});

it("names the row of each problem typed in the text view, and hides the preview until fixed", () => {
  render(<Harness initial={["SSSS", "SSSS"]} />);
  const text = screen.getByLabelText("Text view");
  fireEvent.change(text, { target: { value: "SSSS\nSSXS\n" } });
  const problems = screen.getByRole("list", { name: "Layout problems" });
  expect(within(problems).getByText(/row B has unknown place "X"/)).toBeTruthy();
  expect(within(problems).getByText(/row C is empty/)).toBeTruthy();
  expect(screen.queryByRole("list", { name: "Seat rows" })).toBeNull();
  expect(screen.getByText("Fix the problems above to see the seat map.")).toBeTruthy();
  // The grid marks the rows too, for people who look there rather than at the list.
  expect(screen.getAllByText("(has problems)")).toHaveLength(2);

  fireEvent.change(text, { target: { value: "SSSS\nSSPS" } });
  expect(screen.queryByRole("list", { name: "Layout problems" })).toBeNull();
  expect(screen.getByText("✓ The layout is valid.")).toBeTruthy();
  expect(within(preview()).getByText("B3, premium")).toBeTruthy();
});

it("adds and removes rows and columns", async () => {
  const user = userEvent.setup();
  render(<Harness initial={["SS", "PP"]} />);
  await user.click(screen.getByRole("button", { name: "Add a row at the back" }));
  expect(layoutNow()).toEqual(["SS", "PP", "PP"]);
  await user.click(screen.getByRole("button", { name: "Remove row A" }));
  expect(layoutNow()).toEqual(["PP", "PP"]);
  await user.click(screen.getByRole("button", { name: "Add a column on the right" }));
  expect(layoutNow()).toEqual(["PPS", "PPS"]);
  const removeColumn = screen.getByRole("button", { name: "Remove the rightmost column" });
  await user.click(removeColumn);
  await user.click(removeColumn);
  expect(layoutNow()).toEqual(["P", "P"]);
  expect(screen.getByTestId("preview-summary").textContent).toBe("2 seats · 2 premium");
});

it("says a layout of gaps only has no seat", () => {
  render(<Harness initial={["__", "__"]} />);
  expect(screen.getByText("a layout needs at least one seat")).toBeTruthy();
});
