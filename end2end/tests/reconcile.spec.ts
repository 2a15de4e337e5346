import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";
import path from "node:path";

// tests/fixtures/usage/billed.csv on the frozen pricebook of 2026-11-24:
// Haiku 4.5 billed at list, Sonnet 4.5 at 1.1x, GPT-4.1 at the batch price,
// and one row without an amount (tests/app/reconcile.rs has the figures).
const BILLED = path.join(__dirname, "../../tests/fixtures/usage/billed.csv");

test("a log with billed amounts is held against its bill, with the causes", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("compare-billed").check();
  await page.setInputFiles("#usage-file", BILLED);
  await expect(page.getByTestId("import-result")).toContainText("3 rows reconciled (llm-roi generic)");
  await expect(page.getByTestId("import-bad-rows")).toContainText("line 5, billed_usd: missing");
  const table = page.getByTestId("reconcile");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  const gpt = table.locator("tbody tr", { hasText: "openai/gpt-4.1" });
  await expect(gpt).toContainText("$0.0112");
  await expect(gpt).toContainText("-50 %");
  await expect(gpt).toContainText("batch");
  await expect(table.locator("tbody tr", { hasText: "claude-sonnet-4-5" })).toContainText("unexplained");
  await expect(table.locator("tfoot")).toContainText("-4.98 %");
  await page.getByTestId("reconcile-calibrate").click();
  await expect(page).toHaveURL(/\/\?cal=0\.9502,2026-11-01,2026-11-01$/);
});
