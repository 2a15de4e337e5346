import { test, expect, Page, Browser } from "@playwright/test";
import { hydrated } from "./helpers";

// Small screens: no page scrolls sideways, the options are cards, the form's
// secondary groups fold (and open by keyboard and by touch), the charts take
// their narrow layout, and controls are at least 44 px high.
const SCENARIO = "in=0&target=holysheep/claude-haiku-4-5&growth=5&fb=2";
// The workload of tests/fixtures/usage/mixed.csv, as POST /api/v1/workloads gives it.
const MIX = "mix=1:2:anthropic/claude-haiku-4-5,anthropic/claude-sonnet-4-5:0.10.10000....2000.1000,1.2.300000....2000.150000,1.1.250000....1000.250000";
// Today's shipped pricing/, with requirements: the facts column and the report's fits section.
const CURRENT = `http://127.0.0.1:${Number(process.env.LLM_ROI_E2E_PORT ?? 3100) + 1}`;
const REQ = "base=anthropic/claude-haiku-4-5&req=soc2,zdr,card,region:eu";
const PAGES = ["/", `/?${SCENARIO}`, `/report?v=2&${SCENARIO}`, `/embed?v=2&${SCENARIO}`, "/probe", `/?${MIX}`, `/report?v=2&${MIX}`, `${CURRENT}/?${REQ}`, `${CURRENT}/report?v=2&${REQ}`];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SCREENS = [
  { name: "390 px phone", ...PHONE },
  { name: "360 px phone", viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
];

async function open(browser: Browser, baseURL: string | undefined, screen: object, path: string) {
  const context = await browser.newContext({ baseURL, ...screen });
  const page = await context.newPage();
  await page.goto(path);
  if (!path.startsWith("/embed")) {
    await hydrated(page);
  }
  return { context, page };
}

for (const { name, ...screen } of SCREENS) {
  test(`no page is wider than the screen (${name})`, async ({ browser, baseURL }) => {
    for (const path of PAGES) {
      const { context, page } = await open(browser, baseURL, screen, path);
      try {
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(innerWidth, `${path}: the layout viewport`).toBe(screen.viewport.width);
        expect(scrollWidth, `${path}: ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
      } finally {
        await context.close();
      }
    }
  });
}

test("on a phone the options are cards with their figures in view, and wide tables scroll in their own box", async ({ browser, baseURL }) => {
  const { context, page } = await open(browser, baseURL, PHONE, `/report?v=2&${SCENARIO}`);
  try {
    const card = page.locator('[data-testid=results] tr[data-option="holysheep/claude-haiku-4-5"]');
    for (const cell of [".per-month", ".per-year", ".savings-month"]) {
      const box = (await card.locator(cell).boundingBox())!;
      expect(box.x + box.width, `${cell} ends inside the screen`).toBeLessThanOrEqual(390);
    }
    await expect(card.locator(".savings-month")).toHaveText("$291,549.30");
    // The rollout table is wider than the phone: its box scrolls, the page does not,
    // and the phase column stays put while it scrolls.
    const box = page.getByRole("region", { name: "Table of the rollout phases" });
    const widths = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    const pinned = box.locator("tbody th").first();
    const before = (await pinned.boundingBox())!.x;
    await box.evaluate((e) => (e.scrollLeft = 200));
    expect((await pinned.boundingBox())!.x).toBeCloseTo(before, 0);
  } finally {
    await context.close();
  }
});

async function summary(page: Page, group: string) {
  return page.locator(`details.fold[data-group=${group}] > summary`);
}

test("on a phone the secondary groups fold to one line and open by keyboard", async ({ browser, baseURL }) => {
  const { context, page } = await open(browser, baseURL, PHONE, "/?in=0");
  try {
    await expect(page.locator("#rpd")).toBeVisible();
    await expect(page.locator("#base")).toBeVisible();
    await expect(page.getByTestId("fold-summary-growth")).toHaveText("0 %/month, 12 months");
    await expect(page.locator("#growth")).toBeHidden();
    const growth = await summary(page, "growth");
    await growth.focus();
    await page.keyboard.press("Enter");
    await expect(page.locator("#growth")).toBeVisible();
    await page.locator("#growth").fill("2.5");
    await expect(page.getByTestId("fold-summary-growth")).toHaveText("2.5 %/month, 12 months");
    await growth.focus();
    await page.keyboard.press("Space");
    await expect(page.locator("#growth")).toBeHidden();
    await expect(page.getByTestId("fold-summary-caching")).toHaveText(
      "cache reads 0 %, writes 0 % (5 min); batch 0 %; off-peak 0 %; standard tier",
    );
  } finally {
    await context.close();
  }
});

test("on a phone a folded group opens and closes by touch", async ({ browser, baseURL }) => {
  const { context, page } = await open(browser, baseURL, PHONE, "/?in=0");
  try {
    const migration = await summary(page, "migration");
    await expect(page.locator("#hours")).toBeHidden();
    await migration.tap();
    await expect(page.locator("#hours")).toBeVisible();
    await migration.tap();
    await expect(page.locator("#hours")).toBeHidden();
  } finally {
    await context.close();
  }
});

test("a group with an invalid field is open, and on a desktop every group is", async ({ browser, baseURL }) => {
  let { context, page } = await open(browser, baseURL, PHONE, "/?growth=99");
  try {
    await expect(page.locator("#growth")).toBeVisible();
    await expect(page.locator("#hours")).toBeHidden();
  } finally {
    await context.close();
  }
  ({ context, page } = await open(browser, baseURL, {}, "/"));
  try {
    for (const id of ["#growth", "#cr", "#hours"]) await expect(page.locator(id)).toBeVisible();
    await expect(await summary(page, "growth")).toBeHidden();
  } finally {
    await context.close();
  }
});

test("on a phone the charts take their narrow layout, legend under the plot", async ({ browser, baseURL }) => {
  for (const [screen, file, width] of [[PHONE, ".narrow.svg", 400], [{}, "savings.svg", 800]] as const) {
    const { context, page } = await open(browser, baseURL, screen, `/report?v=2&${SCENARIO}`);
    try {
      const img = page.locator("figure[data-chart=savings] img");
      await expect(img).toHaveJSProperty("complete", true);
      expect(await img.evaluate((e: HTMLImageElement) => e.currentSrc)).toContain(file);
      expect(await img.evaluate((e: HTMLImageElement) => e.naturalWidth)).toBe(width);
    } finally {
      await context.close();
    }
  }
});

test("on a phone every control and standalone link is at least 44 px high", async ({ browser, baseURL }) => {
  for (const path of ["/?in=0", `/report?v=2&${SCENARIO}`, "/probe"]) {
    const { context, page } = await open(browser, baseURL, PHONE, path);
    try {
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("input, select, button, summary, textarea, .share a, figcaption a, .masthead a, label:has(> input[type=radio])")]
          .filter((e) => e.getClientRects().length > 0 && !(e as HTMLInputElement).matches("input[type=radio], input[type=checkbox], input[type=hidden]"))
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.height < 44 && r.height > 1)
          .map(({ e, r }) => `${e.tagName.toLowerCase()}#${e.id} "${(e.textContent ?? "").trim().slice(0, 30)}" ${Math.round(r.height)} px`),
      );
      expect(small, path).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

test("on a desktop and a tablet the tables fit without scrolling", async ({ browser, baseURL }) => {
  for (const width of [1024, 1280]) {
    for (const path of [`/?${SCENARIO}`, `/report?v=2&${SCENARIO}`]) {
      const { context, page } = await open(browser, baseURL, { viewport: { width, height: 800 } }, path);
      try {
        const scrolling = await page.evaluate(() =>
          [...document.querySelectorAll(".table-scroll")]
            .filter((e) => !e.closest("details:not([open])") && e.scrollWidth > e.clientWidth)
            .map((e) => `${e.getAttribute("aria-label")}: ${e.scrollWidth} > ${e.clientWidth}`),
        );
        // The month-by-month and rollout tables may scroll below 1100 px; the options never.
        expect(scrolling.filter((s) => width >= 1280 || s.startsWith("Table of the options")), `${width} px ${path}`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }
});
