import { test, expect, Page } from "@playwright/test";
import { hydrated } from "./helpers";
import http from "node:http";
import type { AddressInfo } from "node:net";

// A scenario with growth, a target and a fallback rate, so that every part of
// the report has something to show.
const SCENARIO = "in=0&target=holysheep/claude-haiku-4-5&growth=5&fb=2";
// The origin the server is started with in --embed-origins (playwright.config.ts).
const ALLOWED_PORT = Number(process.env.LLM_ROI_E2E_EMBED_PORT ?? 3301);
const OTHER_PORT = ALLOWED_PORT + 1;

/// Every figure a reader compares: the options table, the projection and the ROI.
async function figures(page: Page) {
  return {
    perMonth: await page.locator("table.options .per-month .total").allInnerTexts(),
    savings: await page.locator("table.options .savings-month").allInnerTexts(),
    years: await page.locator("table.projection td").allInnerTexts(),
    payback: await page.getByTestId("payback").innerText(),
    roi: await page.getByTestId("roi").innerText(),
    rollout: await page.getByTestId("rollout").innerText(),
  };
}

test("a copied report link shows the calculator's numbers in a fresh context", async ({ page, context, browser, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/?${SCENARIO}`);
  await hydrated(page);
  const expected = await figures(page);
  expect(expected.perMonth.length).toBeGreaterThan(2);

  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-status")).toContainText("Copied");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(
    new RegExp(`^${baseURL}/report\\?v=2&in=0&growth=5&target=holysheep/claude-haiku-4-5&fb=2&pb=[0-9a-f]{16}$`),
  );

  const fresh = await browser.newContext();
  const reader = await fresh.newPage();
  await reader.goto(link);
  await expect(reader.getByTestId("summary")).toContainText(
    "Moving Anthropic — Claude Haiku 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves",
  );
  expect(await figures(reader)).toEqual(expected);
  await expect(reader.getByTestId("drift")).toHaveAttribute("data-state", "current");
  await expect(reader.locator('figure[data-chart="savings"] img')).toBeVisible();
  // The report's own link is the one that was shared.
  await expect(reader.getByTestId("report-url")).toHaveValue(link);
  await fresh.close();
});

test("print media hides the controls and keeps the figures", async ({ page }) => {
  await page.goto(`/report?v=2&${SCENARIO}`);
  await hydrated(page);
  const controls = page.getByTestId("report-controls");
  const embed = page.locator(".embed-panel");
  await expect(controls).toBeVisible();
  await expect(embed).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(controls).toBeHidden();
  await expect(embed).toBeHidden();
  await expect(page.getByTestId("summary")).toBeVisible();
  await expect(page.getByTestId("results")).toBeVisible();
  await expect(page.getByTestId("prices-used")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(controls).toBeVisible();
});

/// Serves `html` at http://127.0.0.1:<port>/ until closed.
async function serve(port: number, html: string): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  expect((server.address() as AddressInfo).port).toBe(port);
  return server;
}

test("a wiki on an allowed origin embeds the oEmbed iframe; another origin is refused", async ({ page, request, baseURL }) => {
  const report = `${baseURL}/report?v=2&${SCENARIO}`;
  const answer = await request.get(`/oembed?url=${encodeURIComponent(report)}&format=json`);
  expect(answer.status()).toBe(200);
  const oembed = await answer.json();
  expect(oembed.type).toBe("rich");
  const page_html = `<!doctype html><title>wiki</title><h1>Design doc</h1>${oembed.html}`;
  const allowed = await serve(ALLOWED_PORT, page_html);
  const other = await serve(OTHER_PORT, page_html);
  try {
    await page.goto(`http://127.0.0.1:${ALLOWED_PORT}/`);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByTestId("embed-summary")).toContainText("pays back in 1 day");
    const chart = frame.locator('figure[data-chart="savings"] img');
    await expect(chart).toBeVisible();
    // The image has loaded (an SVG 800 px wide, scaled to the frame).
    await expect.poll(() => chart.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(800);
    await expect(frame.getByTestId("full-report")).toHaveAttribute("href", /^\/report\?v=2&/);
    // The oEmbed height fits the content: nothing to scroll inside the frame.
    const inner = page.frames().find((f) => f.url().includes("/embed?"));
    expect(inner).toBeTruthy();
    const scroll = await inner!.evaluate(() => document.documentElement.scrollHeight);
    expect(scroll).toBeLessThanOrEqual(oembed.height);

    const refusals: string[] = [];
    page.on("console", (m) => {
      if (m.text().includes("frame-ancestors")) refusals.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${OTHER_PORT}/`);
    await expect(page.locator("h1")).toHaveText("Design doc");
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toContain(`frame-ancestors 'self' http://127.0.0.1:${ALLOWED_PORT}`);
    await expect(page.frameLocator("iframe").getByTestId("embed-summary")).toHaveCount(0);
  } finally {
    allowed.close();
    other.close();
  }
});

test("the embed panel's snippets point at the embed, a chart and the report", async ({ page, baseURL }) => {
  await page.goto(`/report?v=2&${SCENARIO}`);
  await hydrated(page);
  const iframe = await page.getByTestId("snippet-iframe").inputValue();
  expect(iframe).toMatch(new RegExp(`^<iframe src="${baseURL}/embed\\?v=2&amp;in=0&amp;growth=5`));
  const markdown = await page.getByTestId("snippet-markdown").inputValue();
  expect(markdown).toMatch(new RegExp(`^!\\[Cumulative net savings of the migration: Moving .*\\]\\(${baseURL}/chart/savings\\.svg\\?in=0&growth=5&target=holysheep/claude-haiku-4-5&fb=2\\)$`));
  const chart = await page.request.get(markdown.slice(markdown.indexOf("](") + 2, -1));
  expect(chart.headers()["content-type"]).toContain("image/svg+xml");
  await expect(page.getByTestId("snippet-link")).toHaveValue(new RegExp(`^${baseURL}/report\\?v=2&`));
});
