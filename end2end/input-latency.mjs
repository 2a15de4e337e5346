// Input -> numbers updated in the calculator, in Chromium: the time from an
// `input` event on "Requests per day" to the last change it causes in the
// results (cost table, projection, ROI), measured inside the page with
// performance.now() and a MutationObserver, so the browser's own clock and
// no round trip through Playwright. Figures, no pass or fail:
// - the first input on a page not yet hydrated, which loads the calculator's
//   bundle and the pricebook (on its first use), in a fresh context (nothing
//   cached) and again with the bundle in the HTTP cache; loopback, so no
//   network time: on a real link add the transfer of the bundle;
// - p50 and p95 of CHANGES changes once hydrated.
// `make bench-http` runs it against the server it started:
//
//   node end2end/input-latency.mjs http://127.0.0.1:3950 [CHANGES]
import { chromium } from "@playwright/test";

const base = process.argv[2];
const changes = Number(process.argv[3] ?? 30);
if (!base || !Number.isInteger(changes) || changes < 1) {
  console.error("usage: node end2end/input-latency.mjs <base URL> [changes, a whole number >= 1]");
  process.exit(2);
}
const scenario = `${base}/?in=0&base=anthropic/claude-haiku-4-5&target=holysheep/claude-haiku-4-5`;

// In the page: set #rpd, send `input`, and time the results' last change,
// waited for 250 ms (after the island hydrated, with `waitHydrated`).
async function timeInput(page, value, waitHydrated) {
  return page.evaluate(async ({ value, waitHydrated }) => {
    const input = document.querySelector("#rpd");
    const results = document.querySelector("section.results");
    const island = document.querySelector("leptos-island[data-component^=CalculatorIsland]");
    if (!input || !results || !island) throw new Error("no #rpd input, results section or calculator island");
    const settle = (ms) => new Promise((r) => setTimeout(r, ms));
    let last = null;
    const seen = new MutationObserver(() => { last = performance.now(); });
    seen.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
    const before = results.textContent;
    const start = performance.now();
    input.value = String(value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    if (waitHydrated) {
      for (let i = 0; i < 600 && !island.hasAttribute("data-hydrated"); i++) await settle(50);
    }
    // Long enough for every effect the change schedules to run.
    await settle(250);
    seen.disconnect();
    if (last === null || results.textContent === before) throw new Error(`input ${value}: the results did not change`);
    return last - start;
  }, { value, waitHydrated });
}

const browser = await chromium.launch({
  executablePath: process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const first = [];
  for (const visit of ["first visit", "bundle cached"]) {
    const page = await context.newPage();
    await page.goto(scenario);
    await page.waitForLoadState("networkidle");
    first.push(`${visit} ${(await timeInput(page, 123457, true)).toFixed(1)} ms`);
    await page.close();
  }
  console.log(`first input -> numbers updated, loading the bundle (Chromium, loopback): ${first.join(", ")}`);

  const page = await context.newPage();
  await page.goto(scenario);
  await page.locator("form.scenario").dispatchEvent("pointerdown");
  await page.locator("leptos-island[data-component^=CalculatorIsland][data-hydrated]").waitFor();
  const times = [];
  for (let i = 0; i < changes; i++) times.push(await timeInput(page, 100000 + 7919 * (i + 1), false));
  times.sort((a, b) => a - b);
  if (process.env.LLM_ROI_ALL) console.log(times.map((t) => t.toFixed(1)).join(" "));
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(`input -> numbers updated (Chromium, ${changes} changes): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`);
} finally {
  await browser.close();
}
