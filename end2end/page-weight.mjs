// What `/` and `/report` transfer in Chromium, by kind, as the browser
// received it (body bytes on the wire, in the encoding the server chose for
// Chromium's Accept-Encoding): once loaded and idle, before any use; then
// what scrolling to the bottom adds; then what the first use of the
// calculator's form or the report's buttons adds, which loads their bundle
// (and the calculator's pricebook).
// Figures, no pass or fail; `make bench-http` runs it against the server it
// started:
//
//   node end2end/page-weight.mjs http://127.0.0.1:3950
import { chromium } from "@playwright/test";

const base = process.argv[2];
if (!base) {
  console.error("usage: node end2end/page-weight.mjs <base URL>");
  process.exit(2);
}

function kind(url) {
  const path = new URL(url).pathname;
  if (path.startsWith("/api/v1/pricebook/")) return "pricebook";
  if (/\.(js|wasm)$/.test(path)) return "JS + wasm";
  if (/\.css$/.test(path)) return "CSS";
  if (/\.(svg|png|ico|woff2?)$/.test(path)) return "images and fonts";
  return "HTML and other";
}

// Body bytes by kind and encoding, e.g. "JS + wasm (br) 304440 B".
async function tally(requests) {
  const by = new Map();
  for (const r of requests) {
    const { responseBodySize } = await r.sizes();
    const enc = (await r.response())?.headers()["content-encoding"] ?? "identity";
    const k = `${kind(r.url())} (${enc})`;
    by.set(k, (by.get(k) ?? 0) + responseBodySize);
  }
  return [...by].map(([k, v]) => `${k} ${v} B`).join(", ") || "nothing";
}

const browser = await chromium.launch({
  executablePath: process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
// Each page, and the island whose first use loads its bundle.
const pages = [
  ["/", "CalculatorIsland"],
  ["/report?v=2&in=0&target=holysheep/claude-haiku-4-5", "ReportActions"],
];
try {
  for (const [path, island] of pages) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const done = [];
    page.on("requestfinished", (r) => done.push(r));
    await page.goto(`${base}${path}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    console.log(`${path} transferred in Chromium before use: ${await tally(done)}`);
    // A reader scrolls through the page: no island is used yet.
    const loaded = done.length;
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(500);
    await page.waitForLoadState("networkidle");
    console.log(`  then read to the end (scrolled to the bottom): ${await tally(done.slice(loaded))}`);
    const before = done.length;
    const el = page.locator(`leptos-island[data-component^=${island}]`);
    await el.dispatchEvent("pointerdown");
    await el.and(page.locator("[data-hydrated]")).waitFor();
    await page.waitForLoadState("networkidle");
    console.log(`  then on the first use of ${island}: ${await tally(done.slice(before))}`);
    await page.close();
  }
} finally {
  await browser.close();
}
