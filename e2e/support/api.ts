import { expect, type APIResponse } from "@playwright/test";

/** Asserts the contract's error shape and returns the error object. */
export async function expectError(res: APIResponse, status: number, code: string) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = await res.json();
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });
  expect(res.headers()["x-request-id"]).toBeTruthy();
  return body.error as { code: string; message: string; details: Record<string, unknown> };
}
