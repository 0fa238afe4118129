// A person route on an instance where the person has no identity never applies: the route tester
// says so (warning kind "noIdentity"), also from its cache, and says nothing once the person has
// an identity there.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { routeCreateSchema } from "@/lib/routes/schemas";
import { createRoute } from "@/lib/routes/create-route";
import { testRoute } from "@/lib/routes/resolver";
import { missingIdentityWarning } from "@/lib/routes/identity-warning";
import { createPerson } from "@/lib/persons/create-person";
import { linkIdentities } from "@/lib/persons/link-identities";
import { personCreateSchema } from "@/lib/persons/schemas";
import { admin, world } from "./routes-helpers";

describe("person route without an identity on the instance", () => {
  it("is flagged by the tester and by the save-time check, until the person has an identity there", async () => {
    const w = await world();
    const r = await createRoute(admin, routeCreateSchema.parse({ instanceId: w.inst.id, scope: "user", personId: w.person.id, agentId: w.a1.id }));
    const flagged = await testRoute(admin, { instanceId: w.inst.id, personId: w.person.id, chatId: null });
    const warning = flagged.warnings.find((x) => x.kind === "noIdentity");
    expect(warning?.routeIds).toEqual([r.id]);
    expect(warning?.message).toContain(w.inst.name);
    expect(await missingIdentityWarning(w.inst.id, w.person.id)).not.toBeNull();

    // An identity on another instance does not count.
    await prisma.platformIdentity.create({ data: { personId: w.person.id, instanceId: w.other.id, channel: "telegram", platformUserId: `t-${r.id}` } });
    expect(await missingIdentityWarning(w.inst.id, w.person.id)).not.toBeNull();

    // Still flagged, now from the cached person part (the identity elsewhere changes nothing).
    const again = await testRoute(admin, { instanceId: w.inst.id, personId: w.person.id, chatId: null });
    expect(again.cached).toBe(true);
    expect(again.warnings).toEqual(flagged.warnings);

    // The person gains an identity on the instance the way the API gives one (a contact of the
    // hub, linked to them): the link's person change drops the cached part, so the very next
    // test sees it.
    const contact = await createPerson(admin, personCreateSchema.parse({ displayName: "Ada (WhatsApp)", identities: [{ instanceId: w.inst.id, platformUserId: `w-${r.id}` }] }));
    const telegram = await prisma.platformIdentity.findFirstOrThrow({ where: { personId: w.person.id }, select: { id: true } });
    await linkIdentities(admin, { identityA: telegram.id, identityB: contact.identities[0].id });
    const clean = await testRoute(admin, { instanceId: w.inst.id, personId: w.person.id, chatId: null });
    expect(clean.cached).toBe(false);
    expect(clean.warnings.filter((x) => x.kind === "noIdentity")).toEqual([]);
    expect(clean.candidates.map((c) => c.routeId)).toEqual([r.id]);
    expect(await missingIdentityWarning(w.inst.id, w.person.id)).toBeNull();
    expect(await missingIdentityWarning(w.inst.id, null)).toBeNull();
  });
});
