import { expect, Page } from "@playwright/test";

// The islands whose bundles load on the first use of one of them (focus,
// pointer, key, input, click or drop: LoadOn::Intent in
// src/app/island_scripts.rs, whose unit test holds this list equal).
const ON_INTENT = ["CalculatorIsland", "UsageImport", "ReportActions", "EmbedPanel"];

// The page's islands, hydrated. On a page with islands that load on intent,
// this first presses the pointer on each, as a user does, which changes
// nothing, and waits for each to hydrate.
export async function hydrated(page: Page) {
  const selector = ON_INTENT.map((name) => `leptos-island[data-component^=${name}]`).join(", ");
  for (const island of await page.locator(selector).all()) {
    await island.dispatchEvent("pointerdown");
    await expect(island).toHaveAttribute("data-hydrated", "");
  }
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}
