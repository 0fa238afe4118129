// The app server's response compression (policy and numbers: lib/api/compression.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import { BODY_BYTES_HEADER, COMPRESS_THRESHOLD_BYTES, JSON_COMPRESS_MIN_BYTES } from "../../lib/api/compression";

/**
 * compression's `filter`: false for a body that BODY_BYTES_HEADER says is shorter than
 * JSON_COMPRESS_MIN_BYTES, else compression's own rule (a compressible Content-Type and no
 * `Cache-Control: no-transform`). Called once per response, as its headers are written; it removes
 * BODY_BYTES_HEADER in every case.
 */
export function shouldCompress(req: IncomingMessage, res: ServerResponse): boolean {
  const declared = res.getHeader(BODY_BYTES_HEADER);
  if (declared !== undefined) {
    res.removeHeader(BODY_BYTES_HEADER);
    if (Number(declared) < JSON_COMPRESS_MIN_BYTES) return false;
  }
  // compression's types are Express's; it reads only the request's headers and the response's
  return compression.filter(req as Parameters<typeof compression.filter>[0], res as Parameters<typeof compression.filter>[1]);
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** gzip / deflate for clients that accept it, per shouldCompress (and from COMPRESS_THRESHOLD_BYTES on where a Content-Length says). */
export const appCompression: () => Middleware = () =>
  compression({ filter: shouldCompress as never, threshold: COMPRESS_THRESHOLD_BYTES }) as unknown as Middleware;
