import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "commander";
import { activeFlag, clearable, clearableInt, clearableList, commaList, defined, expiresValue, intArg, jsonObjectFlag, identityArg, tristate } from "@/cli/flags";
import { CliUsageError, EXIT, exitCodeFor, exitCodeForStatus } from "@/cli/exit-codes";
import { wantsJson } from "@/cli/main";
import { checkBody } from "@/cli/validate";
import { keyCreateSchema } from "@/lib/keys/schemas";
import { OmniApiError } from "@/lib/client";

describe("CLI flag parsing", () => {
  it("splits comma lists and drops blanks", () => {
    expect(commaList("routes:read, persons:*,,")).toEqual(["routes:read", "persons:*"]);
    expect(commaList("")).toEqual([]);
  });

  it('treats --instances "" as clear (null), absent as unchanged', () => {
    expect(clearableList("a,b")).toEqual(["a", "b"]);
    expect(clearableList("")).toBeNull();
    expect(clearableList(" , ")).toBeNull();
    expect(clearableList(undefined)).toBeUndefined();
    expect(clearable("")).toBeNull();
    expect(clearable("x")).toBe("x");
    expect(clearable(undefined)).toBeUndefined();
  });

  it('reads a clearable whole number: "" → null, absent → undefined, junk → usage error', () => {
    expect(clearableInt("30", "--timeout")).toBe(30);
    expect(clearableInt("", "--timeout")).toBeNull();
    expect(clearableInt(undefined, "--timeout")).toBeUndefined();
    expect(() => clearableInt("3.5", "--timeout")).toThrow(CliUsageError);
  });

  it("parses whole numbers and refuses anything else", () => {
    expect(intArg("12")).toBe(12);
    expect(intArg("-3")).toBe(-3);
    for (const bad of ["1.5", "abc", "", "1e3"]) expect(() => intArg(bad)).toThrow(InvalidArgumentError);
  });

  it('reads --expires as ISO, date, duration or "" (clear)', () => {
    const now = new Date("2026-11-23T12:00:00.000Z");
    expect(expiresValue("90d", now)).toBe("2027-02-21T12:00:00.000Z");
    expect(expiresValue("12h", now)).toBe("2026-11-24T00:00:00.000Z");
    expect(expiresValue("30min", now)).toBe("2026-11-23T12:30:00.000Z");
    expect(expiresValue("2027-01-31", now)).toBe("2027-01-31T23:59:59.000Z");
    expect(expiresValue("2027-01-31T10:00:00Z", now)).toBe("2027-01-31T10:00:00Z");
    expect(expiresValue("", now)).toBeNull();
    expect(expiresValue(undefined, now)).toBeUndefined();
    expect(expiresValue("tomorrow", now)).toBe("tomorrow"); // left for the schema to refuse
  });

  it("keeps negatable booleans three-valued and refuses --active with --inactive", () => {
    expect(tristate(true)).toBe(true);
    expect(tristate(false)).toBe(false);
    expect(tristate(undefined)).toBeUndefined();
    expect(activeFlag({ active: true })).toBe(true);
    expect(activeFlag({ inactive: true })).toBe(false);
    expect(activeFlag({})).toBeUndefined();
    expect(() => activeFlag({ active: true, inactive: true })).toThrow(CliUsageError);
  });

  it('parses --metadata as a JSON object, "" as clear', () => {
    expect(jsonObjectFlag('{"team":"sales"}', "--metadata")).toEqual({ team: "sales" });
    expect(jsonObjectFlag("", "--metadata")).toBeNull();
    expect(jsonObjectFlag(undefined, "--metadata")).toBeUndefined();
    expect(() => jsonObjectFlag("[1]", "--metadata")).toThrow(CliUsageError);
    expect(() => jsonObjectFlag("{nope", "--metadata")).toThrow(CliUsageError);
    expect(() => jsonObjectFlag("null", "--metadata")).toThrow(CliUsageError);
  });

  it("reads --identity INSTANCE:USER[:USERNAME], repeatable", () => {
    const one = identityArg("i1:5511999@c.us:ana");
    expect(one).toEqual([{ instanceId: "i1", platformUserId: "5511999@c.us", platformUsername: "ana" }]);
    expect(identityArg("i2:u2", one)).toEqual([...one, { instanceId: "i2", platformUserId: "u2" }]);
    expect(() => identityArg("nocolon")).toThrow(InvalidArgumentError);
  });

  it("drops undefined members of a PATCH body but keeps null", () => {
    expect(defined({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
  });

  it("finds --json among the global options only before --", () => {
    expect(wantsJson(["--json", "routes", "list"])).toBe(true);
    expect(wantsJson(["routes", "list"])).toBe(false);
    expect(wantsJson(["persons", "search", "--", "--json"])).toBe(false);
  });

  it("checks bodies with the shared schema and names fields by their option", () => {
    expect(() => checkBody(keyCreateSchema, { name: "ok", scopes: ["*"] })).not.toThrow();
    let err: unknown;
    try {
      checkBody(keyCreateSchema, { name: "x", scopes: ["nope:read"], rateLimit: 0 }, { scopes: "--scopes", rateLimit: "--rate-limit" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliUsageError);
    const fields = (err as CliUsageError).fields;
    expect(Object.keys(fields).sort()).toEqual(["--rate-limit", "--scopes.0"]);
    expect(fields["--scopes.0"]).toEqual(["Unknown scope."]);
    expect(exitCodeFor(err)).toBe(EXIT.USAGE);
  });

  it("maps errors to the contract's exit codes", () => {
    expect([400, 401, 403, 404, 409, 413, 429, 500, 503, 0].map(exitCodeForStatus)).toEqual([1, 2, 2, 5, 1, 1, 4, 3, 3, 3]);
    expect(exitCodeFor(new OmniApiError({ status: 0, code: "UNREACHABLE", message: "x" }))).toBe(3);
    expect(exitCodeFor(new OmniApiError({ status: 404, code: "NOT_FOUND", message: "x" }))).toBe(5);
  });
});
