// Input -> numbers updated in the calculator, in Chromium: the time from an
// `input` event on "Requests per day" to the last change it causes in the
// results (cost table, projection, ROI), measured inside the page with
// performance.now() and a MutationObserver, so the browser's own clock and
// no round trip through Playwright. Prints p50 and p95 (ms) of CHANGES
// changes; figures, no pass or fail. `make bench-http` runs it against the
// server it started:
//
//   node end2end/input-latency.mjs http://127.0.0.1:3950 [CHANGES]
import { chromium } from "@playwright/test";

const base = process.argv[2];
const changes = Number(process.argv[3] ?? 30);
if (!base || !Number.isInteger(changes) || changes < 1) {
  console.error("usage: node end2end/input-latency.mjs <base URL> [changes, a whole number >= 1]");
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/?in=0&base=anthropic/claude-haiku-4-5&target=holysheep/claude-haiku-4-5`);
  await page.locator("body[data-hydrated=true]").waitFor();
  const times = await page.evaluate(async (n) => {
    const input = document.querySelector("#rpd");
    const results = document.querySelector("section.results");
    if (!input || !results) throw new Error("no #rpd input or results section");
    const settle = (ms) => new Promise((r) => setTimeout(r, ms));
    const out = [];
    for (let i = 0; i < n; i++) {
      let last = null;
      const seen = new MutationObserver(() => { last = performance.now(); });
      seen.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
      const before = results.textContent;
      const start = performance.now();
      input.value = String(100000 + 7919 * (i + 1));
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // Long enough for every effect the change schedules to run.
      await settle(250);
      seen.disconnect();
      if (last === null || results.textContent === before) throw new Error(`change ${i + 1}: the results did not change`);
      out.push(last - start);
    }
    return out;
  }, changes);
  times.sort((a, b) => a - b);
  if (process.env.LLM_ROI_ALL) console.log(times.map((t) => t.toFixed(1)).join(" "));
  const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(`input -> numbers updated (Chromium, ${changes} changes): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`);
} finally {
  await browser.close();
}
