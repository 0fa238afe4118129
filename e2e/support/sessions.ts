// Signing in over HTTP the way the login form does (next-auth credentials: CSRF token, then the
// callback), each in its own request context so its cookie can be saved, replayed and compared.
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "./env";

const baseURL = `http://localhost:${process.env.E2E_PORT || "3100"}`;

export type SavedState = Awaited<ReturnType<APIRequestContext["storageState"]>>;
export const uniq = () => Math.random().toString(36).slice(2, 8);
export const STRONG = "granite-otter-lantern-42";

/** A fresh context signed in as `email`; fails the test when sign-in does. */
export async function signIn(email: string, password: string): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" }, maxRedirects: 0 });
  expect(res.status(), await res.text()).toBeLessThan(400);
  const cookies = (await ctx.storageState()).cookies.map((c) => c.name);
  expect(cookies.some((n) => n.includes("session-token")), `signed in as ${email}`).toBe(true);
  return ctx;
}

/** next-auth's sign-out (what the Sign out button posts). */
export async function signOut(ctx: APIRequestContext) {
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/signout", { form: { csrfToken, json: "true" }, maxRedirects: 0 });
  expect(res.status()).toBeLessThan(400);
}

/** A context carrying a saved cookie jar (a cookie copied before sign-out, say). */
export const replay = (state: SavedState) => playwrightRequest.newContext({ baseURL, storageState: state });

/** Creates a user through the API with the admin key; returns its id. */
export async function createUser(request: APIRequestContext, role: "admin" | "lead" | "viewer", password = STRONG) {
  const email = `${role}-${uniq()}@e2e.test`;
  const res = await request.post("/api/v1/users", { headers: bearer(keys().all.key), data: { email, role, password, name: `E2E ${role} ${uniq()}` } });
  expect(res.status(), await res.text()).toBe(201);
  return { id: (await res.json()).data.id as string, email, password };
}

export async function status(ctx: APIRequestContext) {
  const res = await ctx.get("/api/v1/auth/status");
  return { code: res.status(), body: await res.json() };
}
