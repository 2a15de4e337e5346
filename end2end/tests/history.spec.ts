import { test, expect } from "@playwright/test";

// probe-targets.toml schedules a 6-pair warm run of the mock relay (+40 ms)
// every minute, the first at start-up; the server's history starts empty.
async function waitForARun(request: import("@playwright/test").APIRequestContext) {
  for (let i = 0; i < 100; i++) {
    const res = await request.get("/api/v1/probe/history?relay=holysheep&window=24h");
    expect(res.status()).toBe(200);
    const body = await res.json();
    const warm = body.relays.find((r: { connection: string }) => r.connection === "warm");
    if (warm && warm.windows[0].overhead) return warm;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no scheduled run was stored within 20 s");
}

test("a scheduled run shows on /probe with its windows, chart and sources", async ({ page, request }) => {
  const warm = await waitForARun(request);
  expect(warm.windows[0].window).toBe("24h");
  expect(warm.windows[0].overhead.median_ms).toBeGreaterThan(35);
  expect(warm.windows[0].overhead.median_ms).toBeLessThan(80);

  await page.goto("/probe");
  const block = page.getByTestId("history-holysheep-warm");
  await expect(block.getByRole("heading", { name: "holysheep → anthropic, warm connections" })).toBeVisible();
  await expect(block).toContainText("Measured from ");
  await expect(block).toContainText("The vendor claims under 50 ms of added latency.");
  for (const w of ["24h", "72h", "7d"]) {
    await expect(block.locator(`tr[data-window="${w}"] th`)).toHaveText(w);
  }
  await expect(block.locator('tr[data-window="24h"] td').first()).toContainText("good pairs");
  await expect(block.locator('tr[data-window="24h"] td.verdict')).toContainText("warm pairs");
  await expect(block.locator('svg[data-chart="probe-holysheep-warm"] title')).toHaveText(
    "Relay overhead over time: holysheep (warm connections)",
  );
  await expect(page.getByTestId("history-source")).toContainText("SQLite");
  await expect(page.getByTestId("history-source")).toContainText("holysheep: 6 warm pairs every 1m");
  // No keys on this server: the honesty check says what it needs and cannot start.
  const form = page.locator("form.honesty-form").first();
  await expect(form.getByRole("button")).toBeDisabled();
  await expect(form).toContainText("Needs both API keys on the server: set ");
  await expect(form.getByRole("button")).toContainText("requests of the hourly budget");
  // The audit likewise: its price bound on the button, and what it needs.
  const audit = page.locator('form[action="/probe/audit"]').first();
  await expect(audit.getByRole("button")).toBeDisabled();
  await expect(audit.getByRole("button")).toContainText("Audit holysheep now: at most $");
  await expect(audit).toContainText("Needs both API keys on the server: set ");

  const csv = await request.get("/probe/history.csv?relay=holysheep&window=24h");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\n");
  expect(lines[0]).toContain("relay,upstream,connection,row,from_utc,to_utc,window,runs");
  expect(lines.some((l) => l.startsWith("holysheep,anthropic,warm,window,"))).toBe(true);
});

test("the report shows the relay's measured latency", async ({ page, request }) => {
  await waitForARun(request);
  await page.goto("/report?in=0");
  const section = page.getByTestId("report-probe");
  await expect(section.getByRole("heading", { name: "Relay latency, measured" })).toBeVisible();
  await expect(section.locator('tr[data-window="72h"] td.verdict')).toContainText("warm pairs");
  await expect(section.getByRole("link", { name: "probe page" })).toHaveAttribute("href", "/probe");
});

test("an audited relay shows both prices, and the report links the list-price figures", async ({ page }) => {
  await page.goto(
    "/report?base=anthropic/claude-haiku-4-5&cmp=openrouter/anthropic/claude-haiku-4.5&rpd=1&in=10000&out=500&cr=90&aud=openrouter,0,0,5m,2026-12-03,probe.test",
  );
  const audit = page.getByTestId("audit");
  await expect(audit).toContainText("audited $");
  await expect(audit).toContainText("100% of cache reads billed as writes");
  await page.getByTestId("price-link").click();
  await expect(page).toHaveURL(/price=list/);
  await expect(page.getByTestId("audit")).toContainText("the list price drives these figures");
});
