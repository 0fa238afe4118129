// The client address over HTTP, against the app's own server (OMNI_TRUSTED_PROXIES unset, see
// playwright.config.ts): a client-sent X-Forwarded-For (or a forged copy of the server's internal
// peer header) changes neither the audit `ip` nor the address sign-in throttling counts.
import { test, expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys, PASSWORD, USERS } from "../support/env";

const LOOPBACK = ["127.0.0.1", "::1"];
const uniq = () => Math.random().toString(36).slice(2, 8);

/** One password sign-in through next-auth's credentials callback; the form's message, or "ok". */
async function signIn(request: APIRequestContext, email: string, password: string, headers: Record<string, string> = {}) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, json: "true" },
    headers,
  });
  expect(res.status()).toBeLessThan(500);
  const { url } = await res.json();
  return new URL(url).searchParams.get("error") ?? "ok";
}

test.describe("client address", () => {
  test("a forged X-Forwarded-For does not become the audit ip", async ({ request }) => {
    const h = bearer(keys().all.key);
    const res = await request.post("/api/v1/instances", {
      headers: { ...h, "X-Forwarded-For": "203.0.113.77", "X-Omni-Peer": "198.51.100.1" },
      data: { name: `xff-${uniq()}`, channel: "whatsapp" },
    });
    expect(res.status()).toBe(201);
    const id = (await res.json()).data.id;
    const audit = await (await request.get(`/api/v1/audit?action=instance.create&targetId=${id}`, { headers: bearer(keys().auditRead.key) })).json();
    expect(audit.items).toHaveLength(1);
    expect(LOOPBACK).toContain(audit.items[0].ip);
  });

  test("ten wrong passwords with ten X-Forwarded-For values are throttled; the stated wait is over when it says", async ({ request }) => {
    const answers: string[] = [];
    for (let i = 1; i <= 10; i++) {
      answers.push(await signIn(request, USERS.admin, `wrong-${i}`, { "X-Forwarded-For": `203.0.113.${i}` }));
    }
    expect(answers.slice(0, 6)).toEqual(Array(6).fill("Invalid email or password."));
    for (const a of answers.slice(6)) {
      expect(a).toMatch(/^Too many failed sign-in attempts from your address\. Try again in (1 second|2 seconds)\.$/);
    }
    // a forged copy of the server's own peer header is replaced, not believed
    const forged = await signIn(request, USERS.admin, PASSWORD, { "X-Omni-Peer": "198.51.100.9", "X-Forwarded-For": "198.51.100.9" });
    const m = /^Too many failed sign-in attempts from your address\. Try again in (\d+) (second|seconds)\.$/.exec(forged);
    expect(m, forged).not.toBeNull();
    await new Promise((r) => setTimeout(r, Number(m![1]) * 1000));
    expect(await signIn(request, USERS.admin, PASSWORD)).toBe("ok"); // and a success clears the counts
    expect(await signIn(request, USERS.admin, "wrong-again")).toBe("Invalid email or password.");
    expect(await signIn(request, USERS.admin, PASSWORD)).toBe("ok");
  });
});
