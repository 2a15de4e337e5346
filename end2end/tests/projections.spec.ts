import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

const BASELINE_YEAR1 =
  'table.projection tr[data-option="anthropic/claude-haiku-4-5"] .year-1';

test("growth changes the annual figure and the cost chart", async ({ page }) => {
  await page.goto("/?in=0");
  await hydrated(page);
  const year1 = page.locator(BASELINE_YEAR1);
  // No growth: 12 months × 30 days × $10,000.
  await expect(year1).toHaveText("$3,600,000.00");
  const chart = page.locator('figure[data-chart="cost"]');
  await expect(chart).toHaveAttribute("data-query", "in=0");
  const img = chart.locator("img");
  await expect(img).toHaveAttribute("alt", /growing 0% a month/);
  await expect(img).toHaveAttribute("src", "/chart/cost.svg?in=0");

  await page.locator("#growth").fill("5");
  await expect(page).toHaveURL(/[?&]growth=5(&|$)/);
  // $300,000 × (1.05^12 − 1) / 0.05.
  await expect(year1).toHaveText("$4,775,137.96");
  await expect(chart).toHaveAttribute("data-query", "in=0&growth=5");
  await expect(img).toHaveAttribute("alt", /growing 5% a month/);
  await expect(img).toHaveAttribute("src", "/chart/cost.svg?in=0&growth=5");
  await expect
    .poll(() => img.evaluate((e: HTMLImageElement) => (e.complete ? e.naturalWidth : 0)))
    .toBeGreaterThan(0);
});

test("typing is debounced: one redraw after the last keystroke", async ({ page }) => {
  await page.goto("/?in=0");
  await hydrated(page);
  const calls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/chart/savings.svg") && r.url().includes("growth=")) calls.push(r.url());
  });
  const last = page.waitForResponse((r) => r.url().endsWith("/chart/savings.svg?in=0&growth=12.5"));
  await page.locator("#growth").fill("");
  await page.locator("#growth").pressSequentially("12.5", { delay: 60 });
  await expect(page.locator('figure[data-chart="savings"]')).toHaveAttribute(
    "data-query",
    "in=0&growth=12.5",
  );
  expect((await last).status()).toBe(200);
  // Four keystrokes, each within the debounce window of the one before:
  // one image fetched, for the last value.
  expect(calls).toEqual([expect.stringContaining("growth=12.5")]);
});

test("without JavaScript the page carries the charts and the payback", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // ¥800 one-off against ¥6.9 saved a day: day 116.
  await page.goto(
    "/?rpd=1000&in=0&cur=CNY&target=holysheep/claude-haiku-4-5&phases=none",
  );
  await expect(page.locator('[data-testid="payback"]')).toContainText("pays back on day 116");
  await expect(page.locator('[data-testid="payback"]')).toHaveAttribute("data-payback-day", "116");
  for (const name of ["cost", "savings", "rollout"]) {
    const img = page.locator(`figure[data-chart="${name}"] img`);
    await expect(img).toHaveAttribute("alt", /\S/);
    await expect
      .poll(() => img.evaluate((e: HTMLImageElement) => (e.complete ? e.naturalWidth : 0)))
      .toBeGreaterThan(0);
  }
  await expect(page.locator('figure[data-chart="savings"] img')).toHaveAttribute(
    "alt",
    /pays back on day 116/,
  );
  await context.close();
});

test("a chart URL loads as an image", async ({ page, baseURL }) => {
  const q = "rpd=10000&in=0&target=holysheep/claude-haiku-4-5&phases=none";
  const url = `${baseURL}/chart/savings.svg?${q}`;
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/svg+xml");
  expect(res.headers()["etag"]).toMatch(/^"[0-9a-f]{24}"$/);
  await page.setContent(`<img id="chart" alt="savings" src="${url}">`);
  const size = await page
    .locator("#chart")
    .evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
  expect(size).toEqual([800, 420]);
});
