// Small helpers every integration test file uses: a system principal, a short random tag, and
// "this promise fails with that AppError code".
import { expect } from "vitest";
import { systemPrincipal } from "@/lib/auth/principal";
import { AppError } from "@/lib/errors";

/** The principal tests act as: every scope, every instance. */
export const admin = systemPrincipal("test");

/** Six random base-36 characters, to keep names and ids of one test apart from another's. */
export const uniq = () => Math.random().toString(36).slice(2, 8);

/** Awaits `p`, expects it to reject with an AppError of `code`, and returns that error. */
export async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e, `expected ${code}`).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}
