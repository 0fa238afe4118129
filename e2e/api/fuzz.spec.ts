// Hostile and malformed requests, generated from the OpenAPI registry (every endpoint), against
// the running server: wrong types, huge strings, deep JSON, invalid ids, injection strings,
// wrong content types, oversized bodies, nonsense query parameters. The server must answer each
// with a contract-shaped 4xx (or a success for input that happens to be valid) — never a 5xx —
// and stay healthy.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { ENDPOINTS, type Endpoint } from "@/lib/openapi/endpoints";
import { createKey } from "../support/admin-cli";

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "\"; DROP TABLE \"Person\"; --", "<img src=x onerror=alert(1)>", "${7*7}{{7*7}}", "\u0000\u0001\u202e",
  "😀".repeat(50), "x".repeat(100_000), "../../../../etc/passwd", "%00%ff", "NaN", "-1", "1e309", "null", "[]", "{}",
];
const HOSTILE_IDS = ["not-a-uuid", "' OR '1'='1", "..%2F..%2Fetc", "%00", "x".repeat(5000), "00000000-0000-0000-0000-000000000000", "-1", "🙂"];
const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, 1e308, true, [], [1, 2], {}, { $gt: "" }, "x".repeat(100_000), ...HOSTILE_STRINGS.slice(0, 5)];

/** {"a":{"a":…1…}} nested n deep, built as text (too deep for a recursive stringify). */
const deepJson = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

/** Deterministic body variants for an endpoint taking JSON. */
function bodyVariants(e: Endpoint): { name: string; data: string; contentType?: string }[] {
  const example = (e.example ?? {}) as Record<string, unknown>;
  const out: { name: string; data: string; contentType?: string }[] = [
    { name: "malformed JSON", data: '{"a": ' },
    { name: "JSON array", data: "[1,2,3]" },
    { name: "JSON string", data: '"hello"' },
    { name: "deep JSON", data: deepJson(5000) },
    { name: "very deep JSON", data: deepJson(200_000) },
    { name: "unknown field", data: JSON.stringify({ ...example, __proto__x: 1, constructor: { prototype: { admin: true } } }) },
    { name: "text/plain", data: "name=x&channel=y", contentType: "text/plain" },
    { name: "form-encoded", data: "name=x&channel=y", contentType: "application/x-www-form-urlencoded" },
    { name: "oversized", data: JSON.stringify({ blob: "x".repeat(1_200_000) }) },
  ];
  let k = 0;
  for (const field of Object.keys(example)) {
    for (const bad of WRONG_VALUES) {
      if (k++ % 3 !== 0) continue; // a deterministic third of the field × value grid
      out.push({ name: `${field}=${JSON.stringify(bad).slice(0, 30)}`, data: JSON.stringify({ ...example, [field]: bad }) });
    }
  }
  return out;
}

const concretePath = (e: Endpoint, id: string) => `/api/v1${e.path.replace(/\{\w+\}/g, encodeURIComponent(id))}`;

async function expectSane(res: Awaited<ReturnType<APIRequestContext["fetch"]>>, what: string) {
  const status = res.status();
  expect(status, `${what} → ${status}: ${(await res.text()).slice(0, 300)}`).toBeLessThan(500);
  if (status >= 400 && res.headers()["content-type"]?.includes("json")) {
    const body = await res.json();
    expect(body, what).toEqual({ error: { code: expect.any(String), message: expect.any(String), details: expect.any(Object) } });
  }
}

let key = "";
test.beforeAll(() => {
  key = createKey("e2e fuzz", "*", ["--rate-limit", "100000"]).key;
});

for (const e of ENDPOINTS) {
  test(`fuzz ${e.method} ${e.path}`, async ({ request }) => {
    test.setTimeout(120_000);
    const headers = { Authorization: `Bearer ${key}` };
    const hasId = e.path.includes("{");
    for (const id of hasId ? HOSTILE_IDS : [""]) {
      const url = concretePath(e, id);
      const res = await request.fetch(url, { method: e.method, headers, data: e.example ?? undefined, failOnStatusCode: false });
      await expectSane(res, `${e.method} ${url.slice(0, 80)}`);
    }
    const url = concretePath(e, "00000000-0000-4000-8000-000000000000");
    if (e.method === "GET") {
      for (const qs of ["limit=-1", "limit=abc", "limit=1e9", "limit=0", "cursor=%%%", "cursor=" + "z".repeat(3000), "q=" + encodeURIComponent(HOSTILE_STRINGS[6]),
        "q=" + encodeURIComponent("' OR 1=1 --"), "status=bogus", "format=exe", "from=yesterday", "to=9999-99-99", "active=maybe", "scope=all", "instance=not-a-uuid", "x[y]=1&x[z]=2"]) {
        const res = await request.get(`${url}?${qs}`, { headers, failOnStatusCode: false });
        await expectSane(res, `GET ${e.path}?${qs.slice(0, 40)}`);
      }
    } else if (e.method !== "DELETE" || e.body) {
      for (const v of bodyVariants(e)) {
        const res = await request.fetch(url, {
          method: e.method,
          headers: { ...headers, "Content-Type": v.contentType ?? "application/json" },
          data: v.data,
          failOnStatusCode: false,
        });
        await expectSane(res, `${e.method} ${e.path} with ${v.name}`);
      }
    }
    expect((await request.get("/api/v1/health")).status()).toBe(200);
  });
}
