// Arranging persons over the API for the persons / audit specs.
import { expect, type APIRequestContext } from "@playwright/test";
import { bearer, keys } from "./env";

const uniq = () => Math.random().toString(36).slice(2, 8);
let instances: { wa: string; tg: string } | null = null;

export const all = () => bearer(keys().all.key);

export async function ensureInstances(request: APIRequestContext) {
  if (instances) return instances;
  const tag = uniq();
  const mk = async (name: string, channel: string) => {
    const res = await request.post("/api/v1/instances", { headers: all(), data: { name: `${name}-${tag}`, channel } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).data.id as string;
  };
  instances = { wa: await mk("persons-wa", "whatsapp"), tg: await mk("persons-tg", "telegram") };
  return instances;
}

export type PersonBody = { displayName?: string; primaryPhone?: string; primaryEmail?: string; identities?: { channel: "wa" | "tg"; uid?: string; username?: string }[] };

export async function createPerson(request: APIRequestContext, body: PersonBody = {}) {
  const inst = await ensureInstances(request);
  const res = await request.post("/api/v1/persons", {
    headers: all(),
    data: {
      ...body,
      identities: (body.identities ?? []).map((i) => ({ instanceId: inst[i.channel], platformUserId: i.uid ?? `u-${uniq()}`, platformUsername: i.username ?? null })),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).data as { id: string; displayName: string | null; identities: { id: string; channel: string; personId: string }[] };
}

export { uniq };
