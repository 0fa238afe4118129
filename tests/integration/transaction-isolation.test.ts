// No request ever runs a statement inside another request's transaction (issue: on SQLite every
// request shared one connection, so a plain query issued while another request's interactive
// transaction was open ran inside it — and was lost when that transaction rolled back).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemPrincipal } from "@/lib/auth/principal";
import { createPerson } from "@/lib/persons/create-person";
import { updatePerson } from "@/lib/persons/update-person";

const admin = systemPrincipal("test");

describe("transaction isolation", () => {
  it("an acknowledged write survives the rollback of a transaction that was open meanwhile", async () => {
    const p = await createPerson(admin, { displayName: "Before", identities: [] });
    let inside!: () => void;
    const aUpdated = new Promise<void>((r) => (inside = r));
    let release!: () => void;
    const aMayFinish = new Promise<void>((r) => (release = r));

    // Request A: an interactive transaction that changes the name, waits, then fails.
    const a = prisma
      .$transaction(async (tx) => {
        await tx.person.update({ where: { id: p.id }, data: { displayName: "Uncommitted" } });
        inside();
        await aMayFinish;
        throw new Error("request A fails");
      })
      .catch((e: Error) => e.message);

    await aUpdated;
    // Request B, while A is open: reads the person and changes the email (acknowledged).
    const b = (async () => {
      const seen = await prisma.person.findUnique({ where: { id: p.id }, select: { displayName: true } });
      const after = await updatePerson(admin, p.id, { primaryEmail: "b@example.com" });
      return { seen: seen?.displayName, email: after.primaryEmail };
    })();
    // Give B every chance to run before A ends (with the bug it ran inside A at once).
    await new Promise((r) => setTimeout(r, 100));
    release();

    expect(await a).toBe("request A fails");
    const bResult = await b;
    expect(bResult.seen).toBe("Before"); // B never saw A's uncommitted name
    expect(bResult.email).toBe("b@example.com");
    const stored = await prisma.person.findUnique({ where: { id: p.id } });
    expect(stored?.displayName).toBe("Before");
    expect(stored?.primaryEmail).toBe("b@example.com"); // B's acknowledged write is kept
  });
});
