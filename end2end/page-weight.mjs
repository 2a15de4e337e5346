// What `/` transfers in Chromium, by kind, as the browser received it (body
// bytes on the wire, in the encoding the server chose for Chromium's
// Accept-Encoding): once loaded and idle, before any use, then after the
// first use of the calculator's form, which loads its bundle and the
// pricebook (LoadOn::Intent). Figures, no pass or fail; `make bench-http`
// runs it against the server it started:
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

const browser = await chromium.launch({
  executablePath: process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const done = [];
  page.on("requestfinished", (r) => done.push(r));
  const tally = async (list) => {
    const by = new Map();
    for (const r of list) {
      const { responseBodySize } = await r.sizes();
      const enc = (await r.response())?.headers()["content-encoding"] ?? "identity";
      const k = `${kind(r.url())} (${enc})`;
      by.set(k, (by.get(k) ?? 0) + responseBodySize);
    }
    return [...by].map(([k, v]) => `${k} ${v} B`).join(", ") || "nothing";
  };
  await page.goto(`${base}/`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const before = done.length;
  console.log(`/ transferred in Chromium before use: ${await tally(done)}`);
  await page.locator("form.scenario").dispatchEvent("pointerdown");
  await page.locator("leptos-island[data-component^=CalculatorIsland][data-hydrated]").waitFor();
  await page.waitForLoadState("networkidle");
  console.log(`then on the first use of the form: ${await tally(done.slice(before))}`);
} finally {
  await browser.close();
}
