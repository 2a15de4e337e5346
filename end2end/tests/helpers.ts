import { expect, Page } from "@playwright/test";

// The page's islands, hydrated. A bundle loads on the first use of one of
// its islands (focus, pointer, key, input, click or drop:
// src/app/island_scripts.rs), so this first presses the pointer on each
// island (or on the islands named), as a user does, which changes nothing,
// and waits for each to hydrate.
export async function hydrated(page: Page, names?: string[]) {
  const selector = names
    ? names.map((name) => `leptos-island[data-component^=${name}]`).join(", ")
    : "leptos-island";
  for (const island of await page.locator(selector).all()) {
    await island.dispatchEvent("pointerdown");
    await expect(island).toHaveAttribute("data-hydrated", "");
  }
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}
