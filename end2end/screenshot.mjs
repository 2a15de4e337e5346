// Takes docs/calculator.png and docs/calculator-phone.png: the calculator on
// the playbook's preset, as a 1280 px wide browser and a 390 px phone (mobile
// emulation) show its first screen. Needs a release build (make build).
//
//   node end2end/screenshot.mjs            (or: make screenshot)
//
// It starts the release server on 127.0.0.1:3190 over the frozen test
// pricebook, so the picture shows the playbook's figures, and stops it.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const addr = "127.0.0.1:3190";
const server = spawn(
  path.join(root, "target/release/llm-roi"),
  ["--addr", addr, "--pricing-dir", "tests/fixtures/pricebook-2026-11-24", "--today", "2026-11-24",
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
  const scenario = `http://${addr}/?in=0&base=anthropic/claude-haiku-4-5&target=holysheep/claude-haiku-4-5`;
  const shots = [
    ["docs/calculator.png", { viewport: { width: 1280, height: 900 } }],
    ["docs/calculator-phone.png", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ];
  for (const [file, options] of shots) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(scenario);
    await page.locator("body[data-hydrated=true]").waitFor();
    const out = path.join(root, file);
    await page.screenshot({ path: out, fullPage: false });
    await context.close();
    console.log(`wrote ${out}`);
  }
  await browser.close();
} finally {
  server.kill();
}
