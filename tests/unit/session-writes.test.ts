import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { assertSessionWriteAllowed, hasBody, isJsonContentType } from "@/lib/api/session-writes";

const APP = "http://localhost:3000";
const req = (method: string, headers: Record<string, string>) => ({ method, url: `${APP}/api/v1/persons`, headers: new Headers({ host: "localhost:3000", ...headers }) });

/** The refusal as `[status, code, reason]`, or null when the request may go on. */
function verdict(method: string, headers: Record<string, string>, publicUrl: string | undefined = undefined) {
  try {
    assertSessionWriteAllowed(req(method, headers), publicUrl);
    return null;
  } catch (e) {
    if (!isAppError(e)) throw e;
    return [e.status, e.code, e.details?.reason ?? null];
  }
}

const json = { "content-type": "application/json", "content-length": "20" };

describe("writes with a session cookie", () => {
  it("lets same-origin JSON writes and every read through", () => {
    expect(verdict("POST", { ...json, origin: APP })).toBeNull();
    expect(verdict("PATCH", { ...json, origin: APP, "sec-fetch-site": "same-origin" })).toBeNull();
    expect(verdict("DELETE", { origin: APP })).toBeNull(); // no body: no content type needed
    expect(verdict("POST", { origin: APP, "content-length": "0", "content-type": "text/plain" })).toBeNull();
    expect(verdict("POST", json)).toBeNull(); // no Origin and no Sec-Fetch-Site: not a browser acting for another site
    expect(verdict("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBeNull();
    expect(verdict("POST", { ...json, origin: "https://admin.example.com" }, "https://admin.example.com")).toBeNull();
  });

  it("refuses cross-site writes with 403 FORBIDDEN, reason cross-site", () => {
    const refused = [403, "FORBIDDEN", "cross-site"];
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      expect(verdict(method, { ...json, origin: "https://evil.example" }), method).toEqual(refused);
    }
    expect(verdict("POST", { ...json, "sec-fetch-site": "cross-site" })).toEqual(refused);
    expect(verdict("POST", { ...json, origin: "null" })).toEqual(refused);
    expect(verdict("POST", { ...json, origin: "http://localhost:3001" })).toEqual(refused);
    // cross-site is decided first: a form post from another site is 403, not 415
    expect(verdict("POST", { "content-type": "application/x-www-form-urlencoded", "content-length": "9", origin: "https://evil.example" })).toEqual(refused);
  });

  it("refuses a body that is not application/json with 415 UNSUPPORTED_MEDIA_TYPE", () => {
    const refused = [415, "UNSUPPORTED_MEDIA_TYPE", null];
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json", ""]) {
      expect(verdict("POST", { origin: APP, "content-type": type, "content-length": "12" }), type).toEqual(refused);
    }
    expect(verdict("PATCH", { "content-length": "12" })).toEqual(refused); // no Content-Type at all
    expect(verdict("PUT", { "transfer-encoding": "chunked", "content-type": "text/plain" })).toEqual(refused);
  });
});

describe("helpers", () => {
  it("reads JSON content types with parameters and any case", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/json-patch+json")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });

  it("knows when there is a body", () => {
    expect(hasBody(new Headers({ "content-length": "1" }))).toBe(true);
    expect(hasBody(new Headers({ "content-length": "0" }))).toBe(false);
    expect(hasBody(new Headers({ "transfer-encoding": "chunked" }))).toBe(true);
    expect(hasBody(new Headers())).toBe(false);
  });
});
