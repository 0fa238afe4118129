import { NextResponse } from "next/server";
import { AppError } from "../errors";
import { etagOf } from "./etag";
import { BODY_BYTES_HEADER } from "./compression";

/** Bytes of `text` in UTF-8. */
const byteLength = (text: string) => (typeof Buffer !== "undefined" ? Buffer.byteLength(text) : new TextEncoder().encode(text).byteLength);

/**
 * A JSON response of `body` (serialised here), saying its length in BODY_BYTES_HEADER so that the
 * app's server leaves a short body uncompressed (./compression.ts: Next drops a handler's
 * Content-Length). Every API response is built by it.
 */
export function json(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): NextResponse {
  return jsonText(JSON.stringify(body), init);
}

/** `json` for a body already serialised (an idempotent replay's stored response). */
export function jsonText(text: string, init: { status?: number; headers?: HeadersInit } = {}): NextResponse {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  headers.set(BODY_BYTES_HEADER, String(byteLength(text)));
  return new NextResponse(text, { status: init.status ?? 200, headers });
}

export const ok = (data: unknown, status = 200) => json({ data }, { status });
export const created = (data: unknown) => ok(data, 201);
/** One resource with its strong `ETag` (lib/api/etag.ts): single-resource GETs and write responses. */
export const tagged = (data: unknown, status = 200) => json({ data }, { status, headers: { ETag: etagOf(data) } });
export const list = (page: { items: unknown[]; nextCursor: string | null }) =>
  json({ items: page.items, nextCursor: page.nextCursor });
export const deleted = (id: string) => ok({ id, deleted: true });
/**
 * `ok` for the hot path the messaging hub calls on every inbound message (POST /routes/test), sent
 * uncompressed (`Cache-Control: no-store, no-transform`: the server's gzip skips it). Its ~3 KB
 * cost more to compress on the server and inflate in the client (~0.25 ms each) than they take
 * on the wire between the hub and the control plane.
 */
export const uncompressed = (data: unknown) =>
  json({ data }, { status: 200, headers: { "Cache-Control": "no-store, no-transform" } });

/**
 * The contract's error shape for `e`, with `headers`. A 503 whose details carry `retryAfter`
 * (seconds) also sends it as `Retry-After`, as a 429 does.
 */
export function errorResponse(e: AppError, headers?: HeadersInit) {
  const retryAfter = (e.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (e.status === 503 && typeof retryAfter === "number") {
    headers = new Headers(headers);
    if (!headers.has("Retry-After")) headers.set("Retry-After", String(retryAfter));
  }
  return json({ error: { code: e.code, message: e.message, details: e.details ?? {} } }, { status: e.status, headers });
}
