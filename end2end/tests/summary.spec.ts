import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// The calculator's answer comes first: the sentence and the headline figures
// sit in the first screen, on a phone and on a desktop, and follow the inputs.
const SCENARIO = "/?in=0&target=holysheep/claude-haiku-4-5";
const SCREENS = [
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
];

for (const screen of SCREENS) {
  test(`the summary and the headline figures are in the first screen (${screen.name})`, async ({ browser, baseURL }) => {
    const { name, ...options } = screen;
    const context = await browser.newContext({ ...options, baseURL });
    try {
      const page = await context.newPage();
      await page.goto(SCENARIO);
      await hydrated(page);
      const height = await page.evaluate(() => window.innerHeight);
      for (const id of ["calc-summary", "headline"]) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box, `${name}: ${id}`).not.toBeNull();
        expect(box!.y + box!.height, `${name}: ${id} ends at ${box!.y + box!.height} of ${height}`).toBeLessThanOrEqual(height);
      }
      await expect(page.getByTestId("calc-summary")).toHaveText(
        "Moving Anthropic — Claude Haiku 4.5 to HolySheep AI (relay) — Claude Haiku 4.5 via HolySheep saves $291,549.30/month, pays back in 1 day.",
      );
      await expect(page.getByTestId("headline")).toContainText("$291,549.30 (97.2%)");
    } finally {
      await context.close();
    }
  });
}

test("changing requests per day changes the summary, which is announced once it settles", async ({ page }) => {
  await page.goto(SCENARIO);
  await hydrated(page);
  const summary = page.getByTestId("calc-summary");
  const announce = page.getByTestId("summary-announce");
  const before = await summary.innerText();
  await expect(announce).toHaveText(before);
  await page.locator("#rpd").fill("5000000");
  await expect(summary).not.toHaveText(before);
  await expect(summary).toContainText("saves $145,774.65/month");
  // Typing is not announced key by key; the settled sentence is.
  await expect(announce).toHaveText(before);
  await expect(announce).toHaveText(await summary.innerText(), { timeout: 5000 });
  await expect(page.getByTestId("headline")).toContainText("$150,000.00");
});
