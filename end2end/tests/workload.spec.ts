import { test, expect, Page } from "@playwright/test";
import { hydrated } from "./helpers";
import path from "node:path";

// A hand-written log (tests/fixtures/usage/mixed.csv): Haiku 4.5 and Sonnet
// 4.5 on both sides of its 200k threshold, over two days, and one bad row.
const LOG = path.join(__dirname, "../../tests/fixtures/usage/mixed.csv");

async function figures(page: Page) {
  return {
    options: await page.locator("table.options tbody th").allInnerTexts(),
    perMonth: await page.locator("table.options .per-month .total").allInnerTexts(),
    savings: await page.locator("table.options .savings-month").allInnerTexts(),
    workload: await page.getByTestId("workload").locator("tbody tr").allInnerTexts(),
  };
}

test("an imported log shows its classes and routes, and its link reproduces them", async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/");
  await hydrated(page);
  await page.setInputFiles("#usage-file", LOG);
  // The bad row is named by line and field; the valid rows are kept.
  await expect(page.getByTestId("import-result")).toContainText("3 rows read (llm-roi generic)");
  await expect(page.getByTestId("import-bad-rows")).toContainText("line 5, input_tokens: `oops`");
  await page.getByTestId("import-open").click();
  await expect(page).toHaveURL(/\/\?mix=1:2~0\.77~1\.23:anthropic\/claude-haiku-4-5,anthropic\/claude-sonnet-4-5:/);
  await hydrated(page);

  const seen = await figures(page);
  expect(seen.workload).toHaveLength(3);
  expect(seen.workload[2]).toContain("input > 200000");
  await expect(page.getByTestId("workload-caption")).toContainText("13 requests over 2 days (6.5 a day)");
  expect(seen.options[0]).toContain("As logged");
  expect(seen.options.join(" ")).toContain("HolySheep");
  // The log as sent: $2.4725 over 2 days, $37.0875 a month.
  expect(seen.perMonth[0]).toContain("$37.09");
  // The month at the log's p10 and p90 day (0.77 and 1.23 of its mean day).
  await expect(page.getByTestId("month-range").first()).toHaveText("p10–p90 $28.56–$45.62");

  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-status")).toContainText("Copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/report\\?v=2&mix=1:2~0\\.77~1\\.23:[^&]+&pb=[0-9a-f]{16}$`));

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  expect(await figures(other)).toEqual(seen);
  await fresh.close();
});

test("a log dropped on the page opens its workload", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    const log = "model,input_tokens,output_tokens,requests\nclaude-haiku-4-5,1000,200,4\ngpt-4.1-mini,2000,100,1\n";
    dt.items.add(new File([log], "log.csv", { type: "text/csv" }));
    return dt;
  });
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: drop });
  // No bad rows: straight to the workload.
  await expect(page).toHaveURL(/\/\?mix=1:1:/);
  await expect(page.getByTestId("workload").locator("tbody tr")).toHaveCount(2);
  // HolySheep lacks GPT-4.1 mini: its request stays on OpenAI, and the row says so.
  await expect(page.locator("table.options")).toContainText("does not serve openai/gpt-4.1-mini");
});

test("a large log shows its progress, and a file that is not a log says why", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 512 * 1024,
  });
  const row = "claude-haiku-4-5,1000,200\n";
  await page.setInputFiles("#usage-file", {
    name: "big.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("model,input_tokens,output_tokens\n" + row.repeat(80_000)),
  });
  await expect(page.getByTestId("import-progress")).toBeVisible();
  await expect(page).toHaveURL(/\/\?mix=1:1:/, { timeout: 20_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await page.goto("/");
  await hydrated(page);
  await page.setInputFiles("#usage-file", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello,world\n1,2\n") });
  await expect(page.getByTestId("import-error")).toContainText("not a usage log");

  // A model the pricebook does not know is named with its share; the page stays.
  await page.goto("/");
  await hydrated(page);
  const mixedModels = "model,input_tokens,output_tokens,requests\nclaude-haiku-4-5,1000,100,3\nft:gpt-4.1-mini:acme,500,50,1\n";
  await page.setInputFiles("#usage-file", { name: "models.csv", mimeType: "text/csv", buffer: Buffer.from(mixedModels) });
  await expect(page.getByTestId("import-not-priced")).toContainText(
    "25 % of requests not priced: ft:gpt-4.1-mini:acme (1 row, 1 request, 550 tokens, 25 % of requests)",
  );
  await expect(page.getByTestId("import-open")).toHaveAttribute("href", /\/\?mix=/);
});
