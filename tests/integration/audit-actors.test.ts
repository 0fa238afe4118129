// The Audit browser's actor filter lists every actor in the log, system actors too (the CLI,
// setup: they have no id), and filtering by one of them finds exactly their events.
import { describe, expect, it } from "vitest";
import { systemPrincipal } from "@/lib/auth/principal";
import { createPerson } from "@/lib/persons/create-person";
import { auditActors, listAudit } from "@/lib/audit/read-audit";
import { auditListQuerySchema } from "@/lib/audit/schemas";
import { admin } from "./routes-helpers";

describe("audit actors", () => {
  it("include system actors, built from the data, and filter by them", async () => {
    const label = `admin-cli-${Date.now()}`;
    const byCli = await createPerson(systemPrincipal(label), { displayName: "Made by the CLI", identities: [] });

    const actors = await auditActors(admin);
    const cli = actors.find((a) => a.label === label);
    expect(cli).toMatchObject({ id: `system:${label}`, type: "system", events: 1 });
    expect(new Set(actors.map((a) => a.id)).size).toBe(actors.length);

    const page = await listAudit(admin, auditListQuerySchema.parse({ actorId: cli!.id, limit: 50 }));
    expect(page.items.map((e) => e.targetId)).toEqual([byCli.id]);
    expect(page.items[0].actor).toMatchObject({ type: "system", id: null, label });
  });
});
