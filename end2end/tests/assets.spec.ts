import { test, expect } from "@playwright/test";

// The bundle's names carry a content hash; each file is sent in its
// precompressed form (written by `llm-roi compress-assets` in `make build`)
// and may be cached for a year.
test("the hashed bundle is sent precompressed and cached as immutable", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const names = [
    ...html.matchAll(/(?:href|module_or_path)="?\/pkg\/([^"\s>]+)"/g),
  ].map((m) => m[1]);
  const js = html.match(/"pkg", "(llm-roi[^"]*)", "(llm-roi[^"]*)"\)/);
  expect(js, "the hydration script names the bundle").not.toBeNull();
  const files = [...new Set([...names, `${js![1]}.js`, `${js![2]}.wasm`])];
  expect(files.some((f) => /^llm-roi\.[\w-]{16,}\.css$/.test(f)), files.join(" ")).toBe(true);
  for (const file of files) {
    expect(file, "hashed name").toMatch(/^llm-roi\.[\w-]{16,}\.(js|wasm|css)$/);
    const plain = await request.get(`/pkg/${file}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.status(), file).toBe(200);
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(plain.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    const raw = (await plain.body()).length;
    for (const [accept, encoding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
    ]) {
      const res = await request.get(`/pkg/${file}`, { headers: { "accept-encoding": accept } });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-encoding"], `${file} ${accept}`).toBe(encoding);
      // Playwright decodes the body: the same bytes as the plain file.
      expect((await res.body()).length).toBe(raw);
      expect(Number(res.headers()["content-length"])).toBeLessThan(raw / 2);
      expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
  }
});
