import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

const HAIKU = '[data-option="anthropic/claude-haiku-4-5"]';
const HOLYSHEEP = '[data-option="holysheep/claude-haiku-4-5"]';

test("changing an input recomputes in the browser and rewrites the URL", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  // 10 M requests × (500 × $1 + 200 × $5) / 1M = $15,000 a day.
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$15,000.00");
  const before = await page.locator(`${HOLYSHEEP} .per-day`).textContent();

  await page.locator("#out").fill("300");
  // 10 M × (500 × $1 + 300 × $5) / 1M = $20,000 a day.
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$20,000.00");
  await expect(page.locator(`${HAIKU} .per-year`)).toHaveText("$7,300,000.00");
  await expect(page).toHaveURL(/[?&]out=300(&|$)/);
  await expect(page.locator(`${HOLYSHEEP} .per-day`)).not.toHaveText(before ?? "");

  await page.locator("#cur").selectOption("CNY");
  await expect(page).toHaveURL(/[?&]cur=CNY(&|$)/);
  // ¥1 per 1M tokens: 10 M × 800 tokens = ¥8,000 a day.
  await expect(page.locator(`${HOLYSHEEP} .per-day`)).toHaveText("¥8,000.00");
});

test("a shared URL reproduces the same numbers in a fresh context", async ({ page, browser }) => {
  await page.goto("/");
  await hydrated(page);
  await page.locator("#rpd").fill("2500000");
  await page.locator("#cr").fill("40");
  await page.locator("#base").selectOption("anthropic/claude-sonnet-4-5");
  await expect(page).toHaveURL(/base=anthropic\/claude-sonnet-4-5/);
  const url = page.url();
  const cells = await page.locator("table.options td").allTextContents();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await hydrated(other);
  expect(await other.locator("table.options td").allTextContents()).toEqual(cells);
  await expect(other.locator("#rpd")).toHaveValue("2500000");
  await expect(other.locator("#base")).toHaveValue("anthropic/claude-sonnet-4-5");
  await fresh.close();
});

test("without JavaScript the server renders the right numbers and the form submits with GET", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // The playbook: 10 M requests × 200 output tokens at $5 / 1M = $10,000 a day.
  await page.goto("/?rpd=10000000&in=0&out=200");
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$10,000.00");
  await expect(page.locator(`${HAIKU} .per-month .total`)).toHaveText("$300,000.00");
  await expect(page.locator(`${HAIKU} .per-year`)).toHaveText("$3,650,000.00");

  await page.locator("#out").fill("400");
  await page.locator("form.scenario button[type=submit]").click();
  await expect(page).toHaveURL(/out=400/);
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$20,000.00");
  await context.close();
});

test("a bad value shows its message and keeps the other fields", async ({ page }) => {
  await page.goto("/?out=100");
  await hydrated(page);
  await page.locator("#rpd").fill("12x");
  await expect(page.locator('[data-error-for="rpd"]')).toHaveText(
    "enter a whole number of requests per day from 0 to 1,000,000,000,000",
  );
  await expect(page.locator("#rpd")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("error-summary")).toContainText("rpd");
  // rpd falls back to its default (10 M); out=100 is kept: $10,000 a day.
  await expect(page.locator(`${HAIKU} .per-day`)).toHaveText("$10,000.00");

  await page.goto("/?cur=GBP");
  await expect(page.locator('[data-error-for="cur"]')).toHaveText("choose USD, CNY or EUR");
});
