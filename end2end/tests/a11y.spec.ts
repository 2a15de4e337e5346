import { test, expect, Page, Browser } from "@playwright/test";
import { hydrated } from "./helpers";
import { readFileSync } from "node:fs";

// axe-core (npm) run inside the page: WCAG 2 A and AA and axe's best
// practices. Any violation fails, with its rule, impact and the elements.
// Evaluated as a string, so it also runs where the page's own scripts are off.
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const SCENARIO = "in=0&target=holysheep/claude-haiku-4-5&growth=5&fb=2";
// The workload of tests/fixtures/usage/mixed.csv, as POST /api/v1/workloads gives it.
const MIX = "mix=1:2:anthropic/claude-haiku-4-5,anthropic/claude-sonnet-4-5:0.10.10000....2000.1000,1.2.300000....2000.150000,1.1.250000....1000.250000";
// Today's shipped pricing/, with requirements: the facts column and the report's fits section.
const CURRENT = `http://127.0.0.1:${Number(process.env.LLM_ROI_E2E_PORT ?? 3100) + 1}`;
const REQ = "base=anthropic/claude-haiku-4-5&req=soc2,zdr,card,region:eu";
const PAGES = ["/", `/?${SCENARIO}`, `/report?v=2&${SCENARIO}`, `/embed?v=2&${SCENARIO}`, "/probe", `/?${MIX}`, `/report?v=2&${MIX}`, `${CURRENT}/?${REQ}`, `${CURRENT}/report?v=2&${REQ}`];

type Violation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found: Violation[] = await page.evaluate(async (tags) => {
    // @ts-expect-error axe is the global the script tag defines
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations;
  }, TAGS);
  return found.map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

// "Without JavaScript" is the server's HTML alone: the bundle is refused, so
// nothing hydrates (axe itself needs scripts, so they cannot be switched off).
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function check(browser: Browser, baseURL: string | undefined, javaScript: boolean, phone = false) {
  const context = await browser.newContext({ baseURL, ...(phone ? PHONE : {}) });
  if (!javaScript) await context.route("**/pkg/**", (route) => route.abort());
  try {
    for (const path of PAGES) {
      const page = await context.newPage();
      await page.goto(path);
      if (javaScript && !path.startsWith("/embed")) {
        await hydrated(page);
      }
      const mode = `${javaScript ? "hydrated" : "server HTML only"}${phone ? ", 390 px phone" : ""}`;
      expect(await violations(page), `${path}, ${mode}`).toEqual([]);
      await page.close();
    }
  } finally {
    await context.close();
  }
}

test("axe finds no violation on any page with JavaScript", async ({ browser, baseURL }) => {
  await check(browser, baseURL, true);
});

test("axe finds no violation on any page without JavaScript", async ({ browser, baseURL }) => {
  await check(browser, baseURL, false);
});

// The phone layout (cards, folded groups, narrow charts) is checked too.
test("axe finds no violation on any page on a phone, with JavaScript", async ({ browser, baseURL }) => {
  await check(browser, baseURL, true, true);
});

test("axe finds no violation on any page on a phone, without JavaScript", async ({ browser, baseURL }) => {
  await check(browser, baseURL, false, true);
});
