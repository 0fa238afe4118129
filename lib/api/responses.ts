import { NextResponse } from "next/server";
import { AppError } from "../errors";
import { etagOf } from "./etag";

export const ok = (data: unknown, status = 200) => NextResponse.json({ data }, { status });
export const created = (data: unknown) => ok(data, 201);
/** One resource with its strong `ETag` (lib/api/etag.ts): single-resource GETs and write responses. */
export const tagged = (data: unknown, status = 200) => NextResponse.json({ data }, { status, headers: { ETag: etagOf(data) } });
export const list = (page: { items: unknown[]; nextCursor: string | null }) =>
  NextResponse.json({ items: page.items, nextCursor: page.nextCursor });
export const deleted = (id: string) => ok({ id, deleted: true });
/**
 * `ok` for the hot path the messaging hub calls on every inbound message (POST /routes/test), sent
 * uncompressed (`Cache-Control: no-store, no-transform`: the server's gzip skips it). Its ~3 KB
 * cost more to compress on the server and inflate in the client (~0.25 ms each) than they take
 * on the wire between the hub and the control plane.
 */
export const uncompressed = (data: unknown) =>
  NextResponse.json({ data }, { status: 200, headers: { "Cache-Control": "no-store, no-transform" } });

export function errorResponse(e: AppError, headers?: HeadersInit) {
  return NextResponse.json(
    { error: { code: e.code, message: e.message, details: e.details ?? {} } },
    { status: e.status, headers },
  );
}
