import { test, expect, Page, Request } from "@playwright/test";
import { hydrated } from "./helpers";

// `/` is read before it is used: the calculator's bundle and the pricebook
// load on the first use of its form (src/app/island_scripts.rs),
// and what the user did before it hydrated is replayed, not lost.

const HAIKU = '[data-option="anthropic/claude-haiku-4-5"]';
const HOLYSHEEP = '[data-option="holysheep/claude-haiku-4-5"]';

// Holds the wasm back until `release()`, as a slow network would, so that
// the user acts before the calculator hydrates.
async function holdWasm(page: Page) {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/pkg/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

// The JS and wasm files (without their hash: llm-roi-calculator.<hash>.js
// is /pkg/llm-roi-calculator.js), sorted, and the pricebook's requests.
function fetched(requests: Request[]) {
  const paths = requests.map((r) => new URL(r.url()).pathname);
  return {
    code: paths.filter((p) => /\.(js|wasm)$/.test(p)).map((p) => p.replace(/\.[^./]+\.(js|wasm)$/, ".$1")).sort(),
    pricebook: paths.filter((p) => p.startsWith("/api/v1/pricebook/")),
  };
}

test("/ loads no JS, wasm or pricebook until its form is used, then each once", async ({ page }) => {
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  expect(fetched(requests)).toEqual({ code: [], pricebook: [] });
  // The server's figures are there without them: 10 M × (500 × $1 + 200 × $5) / 1M.
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$15,000.00");

  // The probe panel's bundle (its own, loaded when the panel is used) is not wanted here.
  await hydrated(page, ["CalculatorIsland", "UsageImport"]);
  const { code, pricebook } = fetched(requests);
  // Each file once.
  expect(code).toEqual([
    "/pkg/llm-roi-calculator.js",
    "/pkg/llm-roi-calculator.wasm",
  ]);
  expect(pricebook).toHaveLength(1);
});

test("what is typed and chosen before the calculator hydrates is kept and computed", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  const island = page.locator("leptos-island[data-component^=CalculatorIsland]");
  await page.locator("#out").fill("300");
  await page.locator("#cur").selectOption("CNY");
  await expect(island).not.toHaveAttribute("data-hydrated", "");
  release();

  await expect(island).toHaveAttribute("data-hydrated", "");
  await expect(page.locator("#out")).toHaveValue("300");
  await expect(page.locator("#cur")).toHaveValue("CNY");
  // Only what the user changed, in the order it was changed.
  await expect.poll(() => new URL(page.url()).search).toBe("?out=300&cur=CNY");
  // ¥1 per 1M tokens: 10 M × 800 tokens = ¥8,000 a day, as from the link.
  await expect(page.locator(`${HOLYSHEEP} .per-day`)).toHaveText("¥8,000.00");
  const cells = await page.locator("table.options td").allTextContents();
  await page.goto("/?out=300&cur=CNY");
  expect(await page.locator("table.options td").allTextContents()).toEqual(cells);
});

test("a log dropped before the calculator hydrates is imported once it has", async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto("/");
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    const log = "model,input_tokens,output_tokens,requests\nclaude-haiku-4-5,1000,200,4\ngpt-4.1-mini,2000,100,1\n";
    dt.items.add(new File([log], "log.csv", { type: "text/csv" }));
    return dt;
  });
  const zone = page.getByTestId("drop-zone");
  await zone.dispatchEvent("dragover", { dataTransfer: drop });
  await zone.dispatchEvent("drop", { dataTransfer: drop });
  await expect(page.locator("leptos-island[data-component^=UsageImport]")).not.toHaveAttribute("data-hydrated", "");
  release();

  await expect(page).toHaveURL(/\/\?mix=1:1:/);
  await expect(page.getByTestId("workload").locator("tbody tr")).toHaveCount(2);
});

test("Copy link pressed before the calculator hydrates copies the link of what was typed", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const release = await holdWasm(page);
  await page.goto("/");
  await page.locator("#out").fill("300");
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-status")).toHaveText("");
  release();

  // The typed value is replayed first, then the press.
  await expect(page.getByTestId("copy-status")).toContainText("Copied http");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/report\?.*[?&]out=300(&|$)/);
});

test("/report loads no JS or wasm until a button is used; a copy pressed before its code loads copies", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const requests: Request[] = [];
  page.on("request", (r) => requests.push(r));
  const release = await holdWasm(page);
  await page.goto("/report?v=2&in=0&target=holysheep/claude-haiku-4-5");
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  expect(fetched(requests).code).toEqual([]);

  await page.getByTestId("report-url-copy").click();
  release();
  await expect(page.locator("leptos-island[data-component^=ReportActions]")).toHaveAttribute("data-hydrated", "");
  const url = await page.getByTestId("report-url").inputValue();
  expect(url).toMatch(/\/report\?v=2&/);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(fetched(requests).code).toEqual([
    "/pkg/llm-roi-report.js",
    "/pkg/llm-roi-report.wasm",
  ]);
});
