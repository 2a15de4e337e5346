import { test, expect } from "@playwright/test";

// The bundle is sent in its precompressed forms (written by
// `llm-roi compress-assets` in `make build`), and revalidated.
test("the wasm and JS are sent precompressed as the client accepts", async ({ request }) => {
  for (const file of ["llm-roi.wasm", "llm-roi.js", "llm-roi.css"]) {
    const plain = await request.get(`/pkg/${file}`, { headers: { "accept-encoding": "identity" } });
    expect(plain.status()).toBe(200);
    expect(plain.headers()["content-encoding"]).toBeUndefined();
    expect(plain.headers()["cache-control"]).toBe("no-cache");
    const raw = (await plain.body()).length;
    for (const [accept, encoding] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
    ]) {
      const res = await request.get(`/pkg/${file}`, { headers: { "accept-encoding": accept } });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-encoding"]).toBe(encoding);
      // Playwright decodes the body: the same bytes as the plain file.
      expect((await res.body()).length).toBe(raw);
      expect(Number(res.headers()["content-length"])).toBeLessThan(raw / 2);
    }
  }
});
