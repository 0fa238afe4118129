// "Access you can trust": the sign-in page follows only same-origin callbackUrls (never a 5xx),
// and a browser session's cookie writes to /api/v1 are refused cross-site (403) and unless JSON (415).
import { test, expect, type APIRequestContext, type Browser } from "@playwright/test";
import { expectError } from "../support/api";
import { bearer, keys, storageState } from "../support/env";
import { uniq } from "../support/persons";

const ORIGIN = `http://localhost:${process.env.E2E_PORT || "3100"}`; // playwright.config.ts's baseURL
const EVIL = "https://evil.example";

async function signedIn(browser: Browser, role: "admin" | "viewer" = "admin") {
  const ctx = await browser.newContext({ storageState: storageState(role) });
  return { ctx, request: ctx.request };
}

/** The page a browser ends up on after the /login redirect: its origin, path and query. */
async function loginRedirect(request: APIRequestContext, callbackUrl: string) {
  const res = await request.get(`/login?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
  expect(res.status(), `callbackUrl=${callbackUrl}`).toBeLessThan(500);
  expect(res.status(), `callbackUrl=${callbackUrl}`).toBe(307);
  const location = res.headers()["location"];
  const followed = new URL(location, `${ORIGIN}/login`);
  return { location, origin: followed.origin, path: `${followed.pathname}${followed.search}` };
}

test.describe("callbackUrl on /login, signed in", () => {
  test("a tab, newline or carriage return that the URL parser drops cannot lead to another site, nor to a 500", async ({ browser }) => {
    const { ctx, request } = await signedIn(browser);
    for (const sep of ["%09", "%0A", "%0D", "%0D%0A", "%09%09"]) {
      const r = await loginRedirect(request, `%2F${sep}%2Fevil.example`);
      expect(r.origin, sep).toBe(ORIGIN);
      expect(r.path, sep).toBe("/");
    }
    await ctx.close();
  });

  test("other sites, schemes and sign-in loops go to /", async ({ browser }) => {
    const { ctx, request } = await signedIn(browser);
    const hostile = [
      "%2F%2Fevil.example",
      "%2F%5Cevil.example",
      "%5C%5Cevil.example",
      encodeURIComponent(`${EVIL}/persons`),
      encodeURIComponent(`${ORIGIN}@evil.example/`),
      "javascript%3Aalert(document.domain)",
      "%2F.%2F%2Fevil.example",
      "%2Flogin%3FcallbackUrl%3D%252Flogin",
      encodeURIComponent(`/persons?q=${"a".repeat(5000)}`),
    ];
    for (const value of hostile) {
      const r = await loginRedirect(request, value);
      expect(r.origin, value).toBe(ORIGIN);
      expect(r.path, value).toBe("/");
    }
    await ctx.close();
  });

  test("a same-origin deep link is followed with its query (relative or absolute)", async ({ browser }) => {
    const { ctx, request } = await signedIn(browser);
    expect((await loginRedirect(request, encodeURIComponent("/persons?q=ana"))).location).toBe("/persons?q=ana");
    expect((await loginRedirect(request, encodeURIComponent(`${ORIGIN}/audit?action=person.merge`))).location).toBe("/audit?action=person.merge");
    await ctx.close();
  });
});

test("callbackUrl on /login, signed out: the page renders, never a 5xx", async ({ request }) => {
  for (const value of ["%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example", "%2F%09%2Fevil.example", "%00", encodeURIComponent("/persons?q=ana")]) {
    const res = await request.get(`/login?callbackUrl=${value}`, { maxRedirects: 0 });
    expect(res.status(), value).toBe(200);
  }
  const odd = await request.get("/login?callbackUrl=%E0%A4%A", { maxRedirects: 0 }); // malformed percent-encoding
  expect(odd.status()).toBeLessThan(500);
});

test.describe("cookie-authenticated writes to /api/v1", () => {
  const personsNamed = async (request: APIRequestContext, tag: string) => {
    const res = await request.get(`/api/v1/persons?q=${tag}`, { headers: bearer(keys().all.key) });
    expect(res.status()).toBe(200);
    return ((await res.json()).items as { displayName: string }[]).map((p) => p.displayName);
  };

  test("a cross-site request (by Origin or Sec-Fetch-Site) is 403 FORBIDDEN, reason cross-site, and changes nothing", async ({ browser, request }) => {
    const { ctx, request: session } = await signedIn(browser);
    const tag = `xsite${uniq()}`;
    const data = { displayName: `Cross ${tag}` };
    const crossSite: Record<string, string>[] = [{ Origin: EVIL }, { Origin: "null" }, { Origin: `${ORIGIN.replace(/:\d+$/, "")}:1` }, { "Sec-Fetch-Site": "cross-site" }];
    for (const headers of crossSite) {
      const e = await expectError(await session.post("/api/v1/persons", { headers, data }), 403, "FORBIDDEN");
      expect(e.details.reason, JSON.stringify(headers)).toBe("cross-site");
    }
    // a classic CSRF form post: cross-site first (403), whatever its content type
    const form = await expectError(await session.post("/api/v1/persons", { headers: { Origin: EVIL }, form: { displayName: `Form ${tag}` } }), 403, "FORBIDDEN");
    expect(form.details.reason).toBe("cross-site");
    expect(await personsNamed(request, tag)).toEqual([]);

    // PATCH and DELETE too
    const mine = await session.post("/api/v1/persons", { headers: { Origin: ORIGIN }, data: { displayName: `Mine ${tag}` } });
    expect(mine.status(), await mine.text()).toBe(201);
    const id = (await mine.json()).data.id as string;
    await expectError(await session.patch(`/api/v1/persons/${id}`, { headers: { Origin: EVIL }, data: { displayName: `Hijacked ${tag}` } }), 403, "FORBIDDEN");
    expect(await personsNamed(request, tag)).toEqual([`Mine ${tag}`]);
    const key = await request.post("/api/v1/keys", { headers: bearer(keys().all.key), data: { name: `xsite-${tag}`, scopes: ["routes:read"] } });
    expect(key.status()).toBe(201);
    const keyId = (await key.json()).data.id as string;
    await expectError(await session.delete(`/api/v1/keys/${keyId}`, { headers: { "Sec-Fetch-Site": "cross-site" } }), 403, "FORBIDDEN");
    expect((await request.get(`/api/v1/keys/${keyId}`, { headers: bearer(keys().all.key) })).status()).toBe(200);
    expect((await session.delete(`/api/v1/keys/${keyId}`, { headers: { Origin: ORIGIN } })).status()).toBe(200);
    await ctx.close();
  });

  test("a body that is not application/json is 415 UNSUPPORTED_MEDIA_TYPE, and changes nothing", async ({ browser, request }) => {
    const { ctx, request: session } = await signedIn(browser);
    const tag = `media${uniq()}`;
    const json = JSON.stringify({ displayName: `Plain ${tag}` });
    await expectError(await session.post("/api/v1/persons", { headers: { "Content-Type": "text/plain" }, data: json }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await session.post("/api/v1/persons", { headers: { Origin: ORIGIN, "Content-Type": "text/plain;charset=UTF-8" }, data: json }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await session.post("/api/v1/persons", { form: { displayName: `Form ${tag}` } }), 415, "UNSUPPORTED_MEDIA_TYPE");
    await expectError(await session.post("/api/v1/persons", { multipart: { displayName: `Multi ${tag}` } }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(await personsNamed(request, tag)).toEqual([]);
    // JSON from the app's own origin, with a charset, goes through
    const ok = await session.post("/api/v1/persons", { headers: { Origin: ORIGIN, "Content-Type": "application/json; charset=utf-8" }, data: json });
    expect(ok.status(), await ok.text()).toBe(201);
    await ctx.close();
  });

  test("Bearer-key requests are unaffected, whatever the Origin or content type", async ({ request }) => {
    const tag = `bearer${uniq()}`;
    const h = bearer(keys().all.key);
    const res = await request.post("/api/v1/persons", {
      headers: { ...h, Origin: EVIL, "Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain" },
      data: JSON.stringify({ displayName: `Key ${tag}` }),
    });
    expect(res.status(), await res.text()).toBe(201);
    expect(await personsNamed(request, tag)).toEqual([`Key ${tag}`]);
  });
});
