import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { omni, omniFails, omniJson } from "./support/run";
import { startReceiver, type Receiver } from "../support/webhook-receiver";

const { apiUrl, keys } = inject("cli");
const env = { OMNI_API_KEY: keys.admin.key, OMNI_API_URL: apiUrl };
let rx: Receiver;
beforeAll(async () => { rx = await startReceiver(); });
afterAll(async () => { await rx.close(); });

type Hook = { id: string; url: string; events: string[]; secret?: string; disabled: boolean };
type Delivery = { id: string; eventId: string; type: string; status: string; attempts: number; lastStatusCode: number | null };

describe("omni webhooks", () => {
  it("create → test → deliveries → redeliver → rotate-secret → update → delete; bad input exits 1, unknown id 5", async () => {
    const hook = await omniJson<Hook>(["webhooks", "create", "--url", rx.url, "--events", "person.merge,identity.*", "--description", "cli"], { env });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(hook.events).toEqual(["person.merge", "identity.*"]);
    const list = await omniJson<{ items: Hook[] }>(["webhooks", "list"], { env });
    expect(list.items.map((h) => h.id)).toContain(hook.id);
    expect((await omniJson<Hook>(["webhooks", "get", hook.id], { env })).secret).toBeUndefined();

    const t = await omniJson<Delivery>(["webhooks", "test", hook.id], { env });
    expect(t).toMatchObject({ type: "webhook.test", status: "succeeded", attempts: 1, lastStatusCode: 204 });
    expect(rx.verify(rx.received[0], hook.secret!)).toMatchObject({ type: "webhook.test" });
    const ds = await omniJson<{ items: Delivery[] }>(["webhooks", "deliveries", hook.id, "--status", "succeeded"], { env });
    expect(ds.items[0].id).toBe(t.id);
    await omniJson(["webhooks", "redeliver", hook.id, t.id], { env });
    await rx.waitFor(2);

    const rotated = await omniJson<Hook>(["webhooks", "rotate-secret", hook.id], { env });
    expect(rotated.secret).not.toBe(hook.secret);
    expect((await omniJson<Hook>(["webhooks", "update", hook.id, "--disable"], { env })).disabled).toBe(true);
    const human = await omni(["webhooks", "deliveries", hook.id], { env });
    expect(human.stdout).toContain("webhook.test");

    const bad = await omniFails(1, ["webhooks", "create", "--url", rx.url, "--events", "person.explode"], { env });
    expect(bad.err.error).toBe("VALIDATION_ERROR");
    await omniFails(1, ["webhooks", "update", hook.id], { env });
    await omniFails(5, ["webhooks", "get", "00000000-0000-4000-8000-000000000000"], { env });
    await omniJson(["webhooks", "delete", hook.id, "--yes"], { env });
    await omniFails(5, ["webhooks", "get", hook.id], { env });
  }, 300_000); // fourteen CLI runs

  it("persons get <merged-away id> says where the person went: exit 5, --json error with mergedInto", async () => {
    const inst = await omniJson<{ id: string }>(["instances", "create", "--name", `wh-cli-${Date.now()}`, "--channel", "telegram"], { env });
    const a = await omniJson<{ id: string }>(["persons", "create", "--name", "Old Id", "--identity", `${inst.id}:old-1`], { env });
    const b = await omniJson<{ id: string }>(["persons", "create", "--name", "New Id", "--identity", `${inst.id}:new-1`], { env });
    await omniJson(["persons", "merge", a.id, b.id, "--reason", "dup"], { env });
    const r = await omniFails(5, ["persons", "get", a.id], { env });
    expect(r.err).toMatchObject({ error: "NOT_FOUND", mergedInto: b.id });
    const human = await omni(["persons", "get", a.id], { env });
    expect(human.code).toBe(5);
    expect(human.stderr).toContain(`merged into ${b.id}`);
    expect(human.stderr).toContain(`omni persons get ${b.id}`);
  });
});
