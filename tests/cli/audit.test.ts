import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { OmniClient } from "@/lib/client";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };

describe("omni audit", () => {
  it("list → get → revert a merge → export (file in --json mode, NDJSON on stdout otherwise)", async () => {
    const client = new OmniClient({ baseUrl: apiUrl, apiKey: keys.admin.key });
    const inst = await client.instances.create({ name: "audit-cli", channel: "slack" });
    const a = await client.persons.create({ displayName: "Audit A", identities: [{ instanceId: inst.id, platformUserId: "audit-a" }] });
    const b = await client.persons.create({ displayName: "Audit B", identities: [{ instanceId: inst.id, platformUserId: "audit-b" }] });
    const merge = await omniJson<{ auditEventId: string }>(["persons", "merge", a.id, b.id, "--reason", "audit test"], { env });

    const list = await omniJson<{ items: { id: string; action: string; reason: string | null }[] }>(["audit", "list", "--action", "person.merge", "--person", b.id, "--from", "2020-01-01"], { env });
    expect(list.items.map((e) => e.id)).toEqual([merge.auditEventId]);
    expect(list.items[0]).toMatchObject({ action: "person.merge", reason: "audit test" });

    const event = await omniJson<{ id: string; before: unknown; after: unknown; revertible: boolean; hash: string }>(["audit", "get", merge.auditEventId], { env });
    expect(event).toMatchObject({ id: merge.auditEventId, revertible: true });
    expect(event.before).toBeTruthy();

    const reverted = await omniJson<{ revertedEventId: string; action: string; auditEventId: string }>(["audit", "revert", merge.auditEventId, "--reason", "undo"], { env });
    expect(reverted).toMatchObject({ revertedEventId: merge.auditEventId, action: "person.merge" });
    expect((await client.persons.get(a.id)).id).toBe(a.id); // the source person is back
    await omniFails(1, ["audit", "revert", merge.auditEventId], { env }); // already reverted: 409 → 1

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omni-audit-")), "merges.csv");
    const exported = await omniJson<{ file: string; lines: number; bytes: number }>(["audit", "export", "--format", "csv", "--person", b.id, "--output", file], { env });
    expect(exported.file).toBe(file);
    expect(fs.readFileSync(file, "utf8").split("\n")[0]).toMatch(/^id,|action/);
    expect(exported.lines).toBeGreaterThanOrEqual(3); // header + merge + revert (+ create)

    const nd = await omni(["audit", "export", "--format", "ndjson", "--action", "audit.revert"], { env });
    expect(nd.code).toBe(0);
    const rows = nd.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.some((r) => r.id === reverted.auditEventId)).toBe(true);

    const noFile = await omniFails(1, ["audit", "export"], { env });
    expect(noFile.err.detail).toContain("--output");
    await omniFails(1, ["audit", "list", "--from", "last week"], { env });
    await omniFails(5, ["audit", "get", "00000000-0000-4000-8000-000000000000"], { env });
  });
});
