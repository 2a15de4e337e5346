import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// The server over today's shipped pricing/, read on 2026-12-01.
const CURRENT = `http://127.0.0.1:${Number(process.env.LLM_ROI_E2E_PORT ?? 3100) + 1}`;

test("a deprecated baseline shows its flag and its successor", async ({ page }) => {
  await page.goto(`${CURRENT}/?base=openai/gpt-4.1-mini`);
  await hydrated(page);
  const row = page.locator('[data-option="openai/gpt-4.1-mini"]');
  await expect(row.getByTestId("lifecycle")).toHaveText("deprecated, retires 2027-01-14; successor gpt-6-luna");
  await expect(page.locator("#base option:checked")).toHaveText("OpenAI — GPT-4.1 mini (deprecated)");
});

test("a retired baseline shows its flag and its successor", async ({ page }) => {
  await page.goto(`${CURRENT}/?base=google/gemini-2.5-flash`);
  await hydrated(page);
  const row = page.locator('[data-option="google/gemini-2.5-flash"]');
  await expect(row.getByTestId("lifecycle")).toHaveText("retired on 2026-12-01; successor gemini-3.5-flash-lite");
  // The baseline stays usable: its costs are shown.
  await expect(row.locator(".per-day")).toHaveText(/^\$[\d,]+\.\d\d$/);
  // The relay's claim is held against the computed saving.
  await page.goto(`${CURRENT}/`);
  await hydrated(page);
  await expect(page.locator('[data-option="holysheep/claude-haiku-5-5"]').getByTestId("savings-claim")).toHaveText(
    "claims 85 % off list price; computed 84.97 % at ¥6.6529 per $ (holds)",
  );
});

test("the off-peak share and the service tier change the numbers", async ({ page }) => {
  await page.goto(`${CURRENT}/?base=deepseek/deepseek-flash&in=1000&out=1000&rpd=1000000`);
  await hydrated(page);
  const flash = page.locator('[data-option="deepseek/deepseek-flash"] .per-day');
  // 1 M requests × (1,000 × $0.30 + 1,000 × $1.20) / 1M = $1,500 a day at peak.
  await expect(flash).toHaveText("$1,500.00");
  await page.locator("#offpeak").fill("100");
  // Off-peak: $0.15 + $0.60 per 1M: half.
  await expect(flash).toHaveText("$750.00");
  await expect(page).toHaveURL(/[?&]offpeak=100(&|$)/);

  await page.goto(`${CURRENT}/?base=openai/gpt-5.4&in=1000&out=1000&rpd=1000000`);
  await hydrated(page);
  const gpt = page.locator('[data-option="openai/gpt-5.4"] .per-day');
  // 1 M × (1,000 × $2.50 + 1,000 × $15) / 1M = $17,500 a day.
  await expect(gpt).toHaveText("$17,500.00");
  await page.locator("#tier").selectOption("flex");
  await expect(gpt).toHaveText("$8,750.00");
  await page.locator("#tier").selectOption("priority");
  await expect(gpt).toHaveText("$35,000.00");
  await expect(page).toHaveURL(/[?&]tier=priority(&|$)/);
});

test("the default compares the cheaper options and names the dearer ones", async ({ page }) => {
  await page.goto(`${CURRENT}/`);
  await hydrated(page);
  const rows = page.locator("[data-testid=results] tbody tr");
  // Every row but the baseline saves money.
  await expect(rows.first()).toHaveClass(/baseline/);
  const others = await rows.count();
  expect(others).toBeGreaterThan(1);
  for (let i = 1; i < others; i++) await expect(rows.nth(i)).toHaveClass(/cheaper/);
  const dearer = page.getByTestId("dearer");
  await expect(dearer).toContainText("as much as Anthropic — Claude Haiku 5.5 or more per month");
  // GPT-6 Luna lists Claude Haiku 5.5's prices.
  await expect(dearer.locator("li")).toContainText(["OpenAI — GPT-6 Luna: the same"]);
  const left = await dearer.locator("li").count();
  // The island sets cmp in place: the page is not loaded again.
  await page.evaluate(() => ((window as any).samePage = true));
  await page.getByTestId("compare-all").click();
  await expect(page).toHaveURL(/[?&]cmp=[^&]*openai%2Fgpt-6-luna|[?&]cmp=[^&]*openai\/gpt-6-luna/);
  await expect(rows).toHaveCount(others + left);
  await expect(page.getByTestId("dearer")).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
  await expect(page.locator("#cmp")).toHaveValue(/openai\/gpt-6-luna/);
});

test("when every default option is dearer, the summary says which is the cheapest", async ({ page }) => {
  await page.goto(`${CURRENT}/?base=openai/gpt-6-luna`);
  await hydrated(page);
  // Claude Haiku 5.5 lists GPT-6 Luna's prices; every other route costs more.
  await expect(page.getByTestId("calc-summary")).toContainText(
    "No compared option is cheaper than OpenAI — GPT-6 Luna for this traffic: the cheapest, Anthropic — Claude Haiku 5.5, costs the same.",
  );
  await expect(page.locator("[data-testid=results] tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("no-target")).toContainText("no compared option is cheaper than the baseline");
  // The island recomputes both: from Claude Haiku 5.5, HolySheep is cheaper.
  await page.locator("#base").selectOption("anthropic/claude-haiku-5-5");
  await expect(page.getByTestId("calc-summary")).toContainText("to HolySheep AI (relay)");
  await expect(page.locator('[data-testid=results] tr[data-option="holysheep/claude-haiku-5-5"]')).toHaveClass(/cheaper/);
  await expect(page.getByTestId("dearer")).toContainText("OpenAI — GPT-6 Luna: the same");
});
