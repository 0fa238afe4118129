import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keyCreateSchema } from "@/lib/keys/schemas";
import { zodFields } from "@/lib/schemas/common";

const fieldsOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return zodFields(r.error!);
};

describe("plain validation messages (one zod error map)", () => {
  it("words the reported key-form inputs plainly", () => {
    const f = fieldsOf(keyCreateSchema, { name: "x".repeat(101), scopes: ["routes:read"], rateLimit: 1.5 });
    expect(f.name).toEqual(["At most 100 characters."]);
    expect(f.rateLimit).toEqual(["Must be a whole number."]);
  });

  it("covers sizes, types, formats, options and unknown keys", () => {
    const s = z.strictObject({
      a: z.string().min(3), b: z.number().max(10), c: z.array(z.string()).min(2), d: z.boolean(), e: z.email(),
      f: z.enum(["x", "y"]), g: z.string(), h: z.number().gt(0),
    });
    const f = fieldsOf(s, { a: "ab", b: 11, c: ["1"], d: "yes", e: "nope", f: "z", h: 0, extra: 1 });
    expect(f).toEqual({
      a: ["At least 3 characters."], b: ["At most 10."], c: ["At least 2 items."], d: ["Must be true or false."],
      e: ["Must be an email address."], f: ['Must be one of: "x", "y".'], g: ["Required."], h: ["More than 0."],
      _: ["Unknown field: extra."],
    });
    expect(fieldsOf(z.string().min(1), "")).toEqual({ _: ["Required."] });
    expect(fieldsOf(z.coerce.number(), "abc")).toEqual({ _: ["Must be a number."] });
  });

  it("keeps a message given on the schema itself", () => {
    expect(fieldsOf(z.string().max(2, "Too long, sorry."), "abc")).toEqual({ _: ["Too long, sorry."] });
  });
});
