// Which responses the app's HTTP server gzips (scripts/lib/http-compression.ts, with the
// `compression` package; Next's own compression is off in next.config.ts). Next streams every
// route handler's body and drops a Content-Length the handler sets, so its compression gzipped
// every API body, an 80-byte error included, in a fresh zlib stream: about 1 ms of CPU in the
// server and again in the client per request (GET /api/v1/info at 50 clients, two processes on
// PostgreSQL: 512 req/s gzipped vs 859 identity, one run on 2026-12-01). The API's JSON helper
// (responses.ts `json`) says how long the body is in BODY_BYTES_HEADER; the server compresses
// it only from JSON_COMPRESS_MIN_BYTES on and never sends the header on. Other bodies (pages,
// scripts, exports) follow compression's own threshold, COMPRESS_THRESHOLD_BYTES, where their
// length is known.

/** Internal response header: the JSON body's length in bytes (removed before the response leaves). */
export const BODY_BYTES_HEADER = "x-omni-body-bytes";

/** compression's default threshold (bytes), for bodies whose Content-Length is known. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * API JSON bodies shorter than this (bytes) are sent as they are: they fit one TCP segment with
 * their headers (1,460-byte MSS on Ethernet) either way, so gzip only costs CPU on both sides. A
 * single person or route (about 0.9–1.2 KB) is under it; a list page is over it.
 */
export const JSON_COMPRESS_MIN_BYTES = 1400;
