import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium; `npx playwright install` cannot download browsers here.
const executablePath = process.env.LLM_ROI_CHROMIUM ?? "/usr/bin/chromium";
// The release server built by `make build` (scripts/build.sh), on its own port.
const port = Number(process.env.LLM_ROI_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The same server over today's shipped pricing/ (current.spec.ts); the one on
// `port` serves the frozen pricebook of 2026-11-24, so that the playbook's
// hand-computed figures hold.
const currentPort = port + 1;
// A second local origin whose pages may frame /embed (report.spec.ts serves it).
const embedPort = Number(process.env.LLM_ROI_E2E_EMBED_PORT ?? 3301);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  use: {
    baseURL,
    trace: "off",
  },
  webServer: [
    {
      // Mock upstream (3201) and a relay adding 40 ms (3202), for the probe panel.
      command: "../target/debug/examples/probe_mocks 3201 3202 40",
      port: 3202,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Its probe history starts empty each run; probe-targets.toml schedules
      // a run of the mock relay every minute, the first at start-up.
      command: `rm -rf ../target/e2e-history-${port} && ../target/release/llm-roi --addr 127.0.0.1:${port} --data-dir ../target/e2e-history-${port} --pricing-dir ../tests/fixtures/pricebook-2026-11-24 --today 2026-11-24 --site-root ../target/site --probe-targets probe-targets.toml --probe-origin-label e2e-runner --embed-origins http://127.0.0.1:${embedPort}`,
      url: `${baseURL}/api/v1/pricebook`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `rm -rf ../target/e2e-history-${currentPort} && ../target/release/llm-roi --addr 127.0.0.1:${currentPort} --data-dir ../target/e2e-history-${currentPort} --pricing-dir ../pricing --today 2026-12-01 --site-root ../target/site`,
      url: `http://127.0.0.1:${currentPort}/api/v1/pricebook`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
});
