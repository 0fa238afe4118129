// Crypto-shredding's pure rules: which snapshot values are personal and whose, and the sealed
// value format (AES-256-GCM with the key id and field name authenticated).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mapPersonalFields, personalSubjects } from "@/lib/privacy/rules/personal-fields";
import { isSealedValue, openValue, sealValue, sealedKeyId } from "@/lib/privacy/rules/field-cipher";

const mark = (s: string, f: string, v: unknown) => `<${s}:${f}:${JSON.stringify(v)}>`;

describe("personal fields of a snapshot", () => {
  it("finds a merge's persons and identities by id, and leaves ids, routes and counts of others alone", () => {
    const snap = {
      source: {
        id: "p1", displayName: "Ana", primaryPhone: "+551199", primaryEmail: null, avatarUrl: null, metadata: { vip: true }, createdAt: "2026-01-01",
        identities: [{ id: "i1", personId: "p1", instanceId: "w", channel: "whatsapp", platformUserId: "5511@s", platformUsername: "ana", profilePicUrl: null, messageCount: 3, firstSeenAt: null, lastSeenAt: "2026-02-02" }],
        routes: [{ id: "r1", instanceId: "w", personId: "p1", label: "vip", priority: 1 }],
      },
      mergedIdentityIds: ["i1"],
      deletedPersonId: "p1",
    };
    const out = mapPersonalFields(snap, mark) as typeof snap;
    expect(out.source).toMatchObject({ id: "p1", displayName: "<p1:displayName:\"Ana\">", primaryEmail: null, metadata: "<p1:metadata:{\"vip\":true}>", createdAt: "2026-01-01" });
    expect(out.source.identities[0]).toMatchObject({ id: "i1", personId: "p1", instanceId: "w", platformUserId: "<i1:platformUserId:\"5511@s\">", messageCount: "<i1:messageCount:3>", firstSeenAt: null });
    expect(out.source.routes).toEqual(snap.source.routes);
    expect(out.mergedIdentityIds).toEqual(["i1"]);
    expect([...personalSubjects(snap)].sort()).toEqual(["i1", "p1"]);
  });

  it("gives a person.update diff (no id) to the target person, and nothing to records that are not persons", () => {
    expect(mapPersonalFields({ primaryEmail: "a@b.c" }, mark, "p9")).toEqual({ primaryEmail: "<p9:primaryEmail:\"a@b.c\">" });
    expect(mapPersonalFields({ primaryEmail: "a@b.c" }, mark, null)).toEqual({ primaryEmail: "a@b.c" }); // no subject: nothing to key it to
    const user = { id: "u1", email: "ops@example.com", name: "Ops", role: "admin" };
    const key = { id: "k1", name: "ci", scopes: ["*"], instanceIds: null };
    expect(mapPersonalFields(user, mark)).toEqual(user);
    expect(mapPersonalFields(key, mark)).toEqual(key);
    expect(personalSubjects(null)).toEqual(new Set());
  });
});

describe("sealed values", () => {
  const key = randomBytes(32);
  it("round-trips any JSON value, with a fresh IV each time", () => {
    for (const v of ["Zoë 王伟", 42, { a: [1, null] }, "2026-11-30T10:00:00.000Z"]) {
      const t = sealValue("k-1", key, "displayName", v);
      expect(isSealedValue(t)).toBe(true);
      expect(sealedKeyId(t)).toBe("k-1");
      if (typeof v === "string") expect(t).not.toContain(v);
      expect(openValue(t, key, "displayName")).toEqual(v);
    }
    expect(sealValue("k-1", key, "f", "x")).not.toBe(sealValue("k-1", key, "f", "x"));
  });

  it("never repeats an IV, across refills of the IV pool (512 at a time)", () => {
    const ivs = Array.from({ length: 2000 }, () => sealValue("k-1", key, "f", "x").split(":")[4]);
    expect(ivs.every((iv) => Buffer.from(iv, "base64url").length === 12)).toBe(true);
    expect(new Set(ivs).size).toBe(ivs.length);
  });

  it("fails for another key, another field, or altered bytes", () => {
    const t = sealValue("k-1", key, "primaryEmail", "a@b.c");
    expect(() => openValue(t, randomBytes(32), "primaryEmail")).toThrow();
    expect(() => openValue(t, key, "displayName")).toThrow();
    const parts = t.split(":");
    parts[parts.length - 2] = Buffer.from("tampered").toString("base64url");
    expect(() => openValue(parts.join(":"), key, "primaryEmail")).toThrow();
    expect(isSealedValue("plain")).toBe(false);
    expect(sealedKeyId(7)).toBeNull();
  });
});
