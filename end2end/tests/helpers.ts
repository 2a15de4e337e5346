import { expect, Page } from "@playwright/test";

// The page's islands, hydrated. The calculator's bundle loads on the first
// use of its islands (focus, pointer, key or input: LoadOn::Intent in
// src/app/island_scripts.rs), so on a page that has it this first presses
// the pointer on its form, as a user does, which changes nothing.
export async function hydrated(page: Page) {
  const calculator = page.locator("leptos-island[data-component^=CalculatorIsland]");
  if (await calculator.count()) {
    await calculator.locator("form").dispatchEvent("pointerdown");
    // Its bundle's islands, the usage import too, hydrate in one pass.
    for (const island of await page.locator("leptos-island[data-component^=CalculatorIsland], leptos-island[data-component^=UsageImport]").all()) {
      await expect(island).toHaveAttribute("data-hydrated", "");
    }
  }
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}
