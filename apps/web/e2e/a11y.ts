/**
 * axe-core in the e2e suite: `expectNoSeriousViolations(page, state)` runs axe on the page as
 * it is (WCAG 2.0–2.2 A and AA rules plus best practices) and fails on any critical or
 * serious violation, naming the rule, the state and the first few nodes. axe is evaluated
 * through the DevTools protocol, so the app's Content-Security-Policy stays as shipped.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type * as Axe from "axe-core";
import type { AxeResults } from "axe-core";
import { type Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export async function axeViolations(page: Page): Promise<AxeResults["violations"]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    return axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
      resultTypes: ["violations"],
    });
  });
  return results.violations;
}

export async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  const serious = (await axeViolations(page)).filter(
    (v) => v.impact === "critical" || v.impact === "serious",
  );
  if (serious.length === 0) return;
  const report = serious
    .map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes
          .slice(0, 4)
          .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`)
          .join("\n"),
    )
    .join("\n");
  throw new Error(`axe found critical or serious violations on ${state}:\n${report}`);
}
