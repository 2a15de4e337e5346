import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// The server over today's shipped pricing/ and its [facts].
const CURRENT = `http://127.0.0.1:${Number(process.env.LLM_ROI_E2E_PORT ?? 3100) + 1}`;
// Claude Haiku 4.5 today, against HolySheep (cheapest, but no SOC 2 by its own
// playbook) and OpenAI's GPT-4.1 (dearer, SOC 2 Type II on its trust portal).
const Q = "base=anthropic/claude-haiku-4-5&in=0&cmp=holysheep/claude-haiku-4-5,openai/gpt-4.1";

test("ticking a requirement moves the default target and marks the failing route", async ({ page }) => {
  await page.goto(`${CURRENT}/?${Q}`);
  await hydrated(page);
  const summary = page.getByTestId("calc-summary");
  await expect(summary).toContainText("to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep");
  const relay = page.locator('table.options tr[data-option="holysheep/claude-haiku-4-5"]');
  const openai = page.locator('table.options tr[data-option="openai/gpt-4.1"]');
  await expect(relay).toHaveAttribute("data-fit", "facts");

  await page.locator('input[data-req="soc2"]').check();
  await expect(page).toHaveURL(/[?&]req=soc2(&|$)/);
  await expect(summary).toContainText("the cheapest, OpenAI — GPT-4.1");
  await expect(relay).toHaveAttribute("data-fit", "fails");
  await expect(openai).toHaveAttribute("data-fit", "meets");
  // The cell says in words what fails; the details give the check, and the
  // facts with their sources are in the report, one link away.
  await expect(relay.getByTestId("fit").locator("summary")).toHaveText("fails SOC 2");
  await expect(relay.getByTestId("fit").locator("summary")).toHaveAttribute("title", "fails: SOC 2 Type II");
  await expect(openai.getByTestId("fit").locator("summary")).toHaveText("meets SOC 2");
  await relay.getByTestId("fit").locator("summary").click();
  const check = relay.locator('li[data-req="soc2"]');
  await expect(check).toContainText("SOC 2 Type II: fails — none (vendor's claim)");
  const more = relay.locator(".fit-more a");
  await expect(more).toHaveText("6 of 12 facts, sources: report");
  await more.click();
  await expect(page).toHaveURL(/\/report\?v=2&.*req=soc2.*#options-heading$/);
  const reported = page.locator('table.options tr[data-option="holysheep/claude-haiku-4-5"]');
  await reported.getByTestId("fit").locator("summary").click();
  await expect(reported.locator('li[data-req="soc2"] .source')).toContainText("vendor's own claim: its migration playbook");
  await expect(reported.locator('dd[data-fact="zdr"]')).toHaveText("unknown");
  await page.goBack();
  await hydrated(page);

  // A requirement nobody's facts show: no default target, said in the summary.
  await page.locator('input[data-req="wechat"]').check();
  await expect(summary).toContainText("no compared option meets every requirement (SOC 2 Type II, pays by WeChat Pay)");
  await expect(openai).toHaveAttribute("data-fit", "unknown");

  // Untick both: the cheapest route is the target again.
  await page.locator('input[data-req="wechat"]').uncheck();
  await page.locator('input[data-req="soc2"]').uncheck();
  await expect(summary).toContainText("to HolySheep AI (relay)");
  await expect(page).not.toHaveURL(/req=/);
});

test("the report lists each requirement with its fact, source and date", async ({ page }) => {
  await page.goto(`${CURRENT}/report?v=2&${Q}&req=soc2,zdr`);
  const fits = page.getByTestId("fits");
  await expect(fits.locator('tr[data-option="openai/gpt-4.1"] td[data-req="soc2"]')).toContainText(
    "met: SOC 2 Type II, ISO 27001, HIPAA BAA, GDPR DPA https://trust.openai.com (checked 2026-12-02)",
  );
  await expect(fits.locator('tr[data-option="holysheep/claude-haiku-4-5"] td[data-req="zdr"]')).toHaveText("unknown: unknown");
  await expect(page.getByTestId("summary")).toContainText("the cheapest, OpenAI — GPT-4.1");
});
