// OMNI_DATA_KEY wraps the per-subject data keys: stored material is "w1:" + AES-256-GCM of the key,
// never the key itself, and it unwraps to the key that sealed the values.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";

const MASTER = randomBytes(32);
process.env.OMNI_DATA_KEY = MASTER.toString("base64");

describe("data keys wrapped with OMNI_DATA_KEY", () => {
  it("stores wrapped material and opens it again", async () => {
    const { prisma } = await import("@/lib/db");
    const { dayKeys, keysById, masterKey } = await import("@/lib/privacy/data-keys");
    expect(masterKey()?.equals(MASTER)).toBe(true);
    const subject = randomUUID();
    const made = await prisma.$transaction((tx) => dayKeys(tx, [subject], "2026-11-30"));
    const k = made.get(subject)!;
    const row = await prisma.personDataKey.findUniqueOrThrow({ where: { id: k.id } });
    expect(row.material.startsWith("w1:")).toBe(true);
    expect(row.material).not.toContain(k.key.toString("base64"));
    expect((await keysById(prisma, [k.id])).get(k.id)?.equals(k.key)).toBe(true);
    // the same subject and day: the same key
    const again = await prisma.$transaction((tx) => dayKeys(tx, [subject], "2026-11-30"));
    expect(again.get(subject)!.id).toBe(k.id);
  });
});
