import { test, expect } from "@playwright/test";
import { hydrated } from "./helpers";

// On /probe the panel's bundle is preloaded and hydrates on first use; what
// is chosen, typed and pressed before then is replayed, so the run starts.
test("the probe panel runs against the local mocks and gives a verdict", async ({ page }) => {
  await page.goto("/probe");
  await expect(page.locator('link[rel=modulepreload][href^="/pkg/llm-roi-probe."]')).toHaveCount(1);
  await expect(page.locator('link[rel=preload][href^="/pkg/llm-roi-probe."][href$=".wasm"]')).toHaveCount(1);
  await expect(page.getByTestId("probe-host")).toHaveText("e2e-runner");
  await page.getByTestId("probe-relay").selectOption("holysheep");
  await page.getByTestId("probe-pairs").fill("8");
  await page.getByTestId("probe-start").click();

  await expect(page.getByTestId("probe-percent")).toHaveText(" 100%", { timeout: 20_000 });
  await expect(page.getByTestId("probe-run")).toHaveAttribute("data-status", "done");
  // The relay adds 40 ms; the vendor claims < 50 ms.
  await expect(page.getByTestId("probe-verdict")).toContainText("claimed < 50 ms; measured median");
  await expect(page.getByTestId("probe-verdict")).toContainText("over 8 warm pairs");
  await expect(page.locator("[data-testid=probe-strip] circle.relay")).toHaveCount(8);
  await expect(page.locator(".probe-phases")).toContainText("total");
});

// The probe panel's code is its own bundle: `/` loads the calculator's once
// its form is used, and the probe's only once the panel is used, not when a
// reader scrolls past it.
test("on /, the probe panel's bundle loads on the panel's first use, and runs", async ({ page }) => {
  const bundles: string[] = [];
  page.on("request", (r) => {
    const m = r.url().match(/\/pkg\/llm-roi-([a-z]+)\./);
    if (m && !bundles.includes(m[1])) bundles.push(m[1]);
  });
  await page.goto("/");
  await hydrated(page, ["CalculatorIsland", "UsageImport"]);
  await page.getByTestId("probe-panel").scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  expect(bundles).toEqual(["calculator"]);

  await page.getByTestId("probe-relay").selectOption("holysheep");
  await page.getByTestId("probe-pairs").fill("8");
  await expect(page.locator("leptos-island[data-component^=ProbeIsland]")).toHaveAttribute("data-hydrated", "");
  expect(bundles).toEqual(["calculator", "probe"]);
  await page.getByTestId("probe-start").click();
  await expect(page.getByTestId("probe-percent")).toHaveText(" 100%", { timeout: 20_000 });
  await expect(page.getByTestId("probe-verdict")).toContainText("over 8 warm pairs");
});
