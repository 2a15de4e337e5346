// Takes docs/calculator.png and docs/calculator-phone.png: the calculator on
// the playbook's preset, as a 1280 px wide browser and a 390 px phone (mobile
// emulation) show its first screen. Needs a release build (make build).
//
//   node end2end/screenshot.mjs            (or: make screenshot)
//
// It starts the release server on 127.0.0.1:3190 over the shipped pricing/
// (what users get, on today's date), opens the page's playbook preset, and
// stops the server.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const addr = "127.0.0.1:3190";
const server = spawn(
  path.join(root, "target/release/llm-roi"),
  ["--addr", addr, "--pricing-dir", "pricing", "--data-dir", "target/screenshot-data",
   "--site-root", "target/site"],
  { cwd: root, stdio: "inherit" },
);
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://${addr}/api/v1/pricebook`)).ok) break;
    } catch {}
    if (i > 100) throw new Error(`the server on ${addr} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({
    executablePath: process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  // The preset link of the page: the playbook's scenario.
  const home = await (await fetch(`http://${addr}/`)).text();
  const preset = home.match(/href="([^"]*)" data-testid="preset-playbook"/)?.[1]?.replaceAll("&amp;", "&");
  if (!preset) throw new Error("the page has no playbook preset link");
  const scenario = `http://${addr}${preset}`;
  const shots = [
    ["docs/calculator.png", { viewport: { width: 1280, height: 900 } }],
    ["docs/calculator-phone.png", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ];
  for (const [file, options] of shots) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(scenario);
    // What a visitor sees first: the server's page (the calculator's
    // bundle loads on the first use of its form).
    await page.waitForLoadState("networkidle");
    const out = path.join(root, file);
    await page.screenshot({ path: out, fullPage: false });
    await context.close();
    console.log(`wrote ${out}`);
  }
  await browser.close();
} finally {
  server.kill();
}
