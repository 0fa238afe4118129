import { describe, expect, inject, it } from "vitest";
import { omni, omniFails, omniJson } from "./support/run";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };

type Identity = { id: string; personId: string; platformUserId: string; messageCount: number };
type Person = { id: string; displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; metadata: unknown; identities: Identity[] };

describe("omni persons (--json: one JSON document on stdout)", () => {
  it("create → search → get → update → presence → link → unlink → merge", async () => {
    const inst = await omniJson<{ id: string }>(["instances", "create", "--name", "persons-cli", "--channel", "telegram"], { env });
    const ana = await omniJson<Person>(
      ["persons", "create", "--name", "Zelda Quux", "--phone", "+1 415 555 0123", "--identity", `${inst.id}:zq-1:zelda`, "--metadata", '{"tier":"gold"}'],
      { env },
    );
    expect(ana).toMatchObject({ displayName: "Zelda Quux", primaryPhone: "+14155550123", metadata: { tier: "gold" } });
    expect(ana.identities).toHaveLength(1);
    const bob = await omniJson<Person>(["persons", "create", "--name", "Zelda Q (tg)", "--identity", `${inst.id}:zq-2`], { env });

    const found = await omniJson<{ items: { id: string }[]; nextCursor: string | null }>(["persons", "search", "zelda", "--limit", "10"], { env });
    expect(found.items.map((p) => p.id).sort()).toEqual([ana.id, bob.id].sort());
    const paged = await omniJson<{ items: { id: string }[]; nextCursor: string | null }>(["persons", "search", "zelda", "--limit", "1", "--all"], { env });
    expect(paged.items).toHaveLength(2);
    expect(paged.nextCursor).toBeNull();

    expect((await omniJson<Person>(["persons", "get", ana.id], { env })).identities[0].platformUserId).toBe("zq-1");

    const upd = await omniJson<Person>(["persons", "update", ana.id, "--email", "Zelda@Example.com", "--phone", "", "--metadata", ""], { env });
    expect(upd).toMatchObject({ primaryEmail: "zelda@example.com", primaryPhone: null, metadata: null });

    await omniJson(["persons", "activity", ana.identities[0].id, "--messages", "3"], { env });
    const presence = await omniJson<{ summary: { totalIdentities: number; totalMessages: number; online: boolean }; byChannel: Record<string, unknown> }>(
      ["persons", "presence", ana.id],
      { env },
    );
    expect(presence.summary).toMatchObject({ totalIdentities: 1, totalMessages: 3, online: true });
    expect(Object.keys(presence.byChannel)).toEqual(["telegram"]);

    const linked = await omniJson<{ person: Person; auditEventId: string }>(["persons", "link", ana.identities[0].id, bob.identities[0].id, "--reason", "same user"], { env });
    expect(linked.person.id).toBe(ana.id);
    expect(linked.person.identities).toHaveLength(2);
    await omniFails(5, ["persons", "get", bob.id], { env });

    const unlinked = await omniJson<{ person: Person; identity: Identity; auditEventId: string }>(["persons", "unlink", bob.identities[0].id], { env });
    expect(unlinked.identity.personId).toBe(unlinked.person.id);
    expect(unlinked.person.id).not.toBe(ana.id);

    const merged = await omniJson<{ person: Person; mergedIdentityIds: string[]; deletedPersonId: string; auditEventId: string }>(
      ["persons", "merge", unlinked.person.id, ana.id, "--reason", "same customer"],
      { env },
    );
    expect(merged).toMatchObject({ deletedPersonId: unlinked.person.id, mergedIdentityIds: [bob.identities[0].id], person: { id: ana.id } });
    expect(merged.auditEventId).toMatch(/^[0-9a-f-]{36}$/);

    // merging a person into itself is a conflict (409) → 1
    const self = await omniFails(1, ["persons", "merge", ana.id, ana.id], { env });
    expect(self.err.error).toBe("CONFLICT");

    const human = await omni(["persons", "get", ana.id], { env });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Identities:");
    expect(human.stdout).toContain("zq-1");
  });

  it("refuses bad input with the persons schema's messages (exit 1)", async () => {
    const phone = await omniFails(1, ["persons", "create", "--name", "x", "--phone", "555-0199"], { env });
    expect(phone.err.fields!["--phone"][0]).toContain("country code");
    await omniFails(1, ["persons", "create", "--metadata", "[1,2]"], { env });
    await omniFails(1, ["persons", "create", "--identity", "no-colon"], { env });
    await omniFails(1, ["persons", "merge", "not-a-uuid", "also-not"], { env });
    await omniFails(1, ["persons", "update", "00000000-0000-4000-8000-000000000000"], { env });
    await omniFails(5, ["persons", "presence", "00000000-0000-4000-8000-000000000000"], { env });
  });

  it("erase: --reason required (1), scope missing (2), unknown id (5); then the person is gone and its events read [erased]", async () => {
    const inst = await omniJson<{ id: string }>(["instances", "create", "--name", "erase-cli", "--channel", "sms"], { env });
    const p = await omniJson<Person>(["persons", "create", "--name", "Erasable Ewan", "--email", "ewan@erase.example", "--identity", `${inst.id}:+15550001111`], { env });
    const noReason = await omniFails(1, ["persons", "erase", p.id], { env });
    expect(noReason.err.fields!["--reason"][0]).toContain("Required");
    await omniFails(2, ["persons", "erase", p.id, "--reason", "GDPR"], { env: { ...env, OMNI_API_KEY: keys.routesReader.key } });
    await omniFails(5, ["persons", "erase", "00000000-0000-4000-8000-000000000000", "--reason", "GDPR"], { env });
    const r = await omniJson<{ id: string; deleted: boolean; identityIds: string[]; auditEventId: string }>(["persons", "erase", p.id, "--reason", "GDPR request 7"], { env });
    expect(r).toMatchObject({ id: p.id, deleted: true });
    expect(r.identityIds).toHaveLength(1);
    await omniFails(5, ["persons", "get", p.id], { env });
    await omniFails(5, ["persons", "erase", p.id, "--reason", "again"], { env });
    const human = await omni(["persons", "erase", "00000000-0000-4000-8000-000000000000", "--reason", "x", "--yes"], { env });
    expect(human.code).toBe(5);
  });
});
