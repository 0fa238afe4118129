// The one way a server action names its record: the field `id` of its input (withId, idInput).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { idInput, withId } from "@/lib/actions/validated-action";
import { routeCreateSchema } from "@/lib/routes/schemas";

const id = "7f1c2b6e-3a4d-4e5f-8a9b-0c1d2e3f4a5b";

describe("withId", () => {
  const schema = withId(
    z.strictObject({ n: z.number() }).superRefine((v, ctx) => {
      if (v.n < 0) ctx.addIssue({ code: "custom", message: "Not negative.", path: ["n"] });
    }),
  );

  it("adds a required UUID id and keeps the schema's refinements and strictness", () => {
    expect(schema.parse({ id, n: 1 })).toEqual({ id, n: 1 });
    expect(schema.safeParse({ n: 1 }).success).toBe(false);
    expect(schema.safeParse({ id: "not-a-uuid", n: 1 }).error?.issues.map((i) => i.path)).toEqual([["id"]]);
    expect(schema.safeParse({ id, n: -1 }).error?.issues.map((i) => i.message)).toEqual(["Not negative."]);
    expect(schema.safeParse({ id, n: 1, extra: true }).success).toBe(false);
  });

  it("works on the refined route schema the edit form sends", () => {
    const bad = withId(routeCreateSchema).safeParse({ id: "x" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.some((i) => i.path[0] === "id")).toBe(true);
  });
});

describe("idInput", () => {
  it("is { id } and nothing else", () => {
    expect(idInput.parse({ id })).toEqual({ id });
    expect(idInput.safeParse({ id, more: 1 }).success).toBe(false);
  });
});
