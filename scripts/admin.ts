// `npm run admin -- <command>`: server-side administration against DATABASE_URL.
//   create-key  --name NAME --scopes "*" [--instances a,b] [--rate-limit N] [--expires ISO] [--json]
//   create-user --email E --password P --role admin|lead|viewer [--name N] [--json]
//   audit-verify [--json]
//   audit-seal-legacy [--json]   (once, after upgrading to crypto-shredding: lib/privacy/seal-legacy-events.ts)
//   audit-seal [--json]    seal every committed event now and checkpoint the head (the running sealer does this within ~1 s)
import { parseArgs } from "node:util";
import { systemPrincipal } from "../lib/auth/principal";
import { isAppError } from "../lib/errors";
import { keyCreateSchema } from "../lib/keys/schemas";
import { parseInput } from "../lib/schemas/parse";
import { createApiKey } from "../lib/keys/create-key";
import { createUser } from "../lib/users/create-user";
import { userCreateSchema } from "../lib/users/schemas";
import { sealLegacyAuditEvents } from "../lib/privacy/seal-legacy-events";
import { describeVerification, verifyAuditChain } from "../lib/audit/verify-chain";
import { sealPending } from "../lib/audit/seal-chain";
import { writeCheckpoint } from "../lib/audit/checkpoints";
import { prisma } from "../lib/db";
import { migrate } from "./db-migrate";
import { stopChangeBus } from "../lib/events/change-bus";

const USAGE = `Usage: npm run admin -- <command> [options]
  create-key   --name NAME --scopes "*" [--instances a,b] [--rate-limit N] [--expires ISO] [--description D] [--json]
  create-user  --email E --password P --role admin|lead|viewer [--name N] [--json]
  audit-verify [--json]
  audit-seal   [--json]
  audit-seal-legacy [--json]`;

const list = (v?: string) => (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" }, scopes: { type: "string" }, instances: { type: "string" },
      "rate-limit": { type: "string" }, expires: { type: "string" }, description: { type: "string" },
      email: { type: "string" }, password: { type: "string" }, role: { type: "string" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const system = systemPrincipal("admin-cli");
  await migrate(undefined, true);
  switch (command) {
    case "create-key": {
      const input = parseInput(keyCreateSchema, {
        name: values.name,
        scopes: list(values.scopes),
        instanceIds: list(values.instances).length ? list(values.instances) : null,
        rateLimit: values["rate-limit"] ? Number(values["rate-limit"]) : null,
        expiresAt: values.expires || null,
        description: values.description ?? null,
      });
      const key = await createApiKey(system, input);
      if (values.json) console.log(JSON.stringify({ id: key.id, key: key.key }));
      else console.log(`Created API key "${key.name}" (${key.id}) with scopes ${key.scopes.join(", ")}.\n\n  ${key.key}\n\nStore it now: it is not shown again.`);
      return 0;
    }
    case "create-user": {
      if (!values.email || !values.password || !values.role) {
        console.error("create-user needs --email, --password and --role admin|lead|viewer.");
        return 1;
      }
      // the same schema as POST /api/v1/users: a malformed email or a weak password is exit 1
      const input = parseInput(userCreateSchema, { email: values.email, password: values.password, role: values.role, name: values.name ?? null }, "Invalid user.");
      const user = await createUser(system, input);
      console.log(values.json ? JSON.stringify({ id: user.id, email: user.email, role: user.role }) : `Created ${user.role} ${user.email} (${user.id}).`);
      return 0;
    }
    case "audit-seal": {
      const { sealed, head } = await sealPending();
      if (head) await writeCheckpoint(head);
      console.log(values.json ? JSON.stringify({ sealed, head }) : `Sealed ${sealed} event(s); the chain ends at ${head?.chainSeq ?? 0}.`);
      return 0;
    }
    case "audit-verify": {
      const r = await verifyAuditChain();
      if (values.json) console.log(JSON.stringify(r));
      else if (r.ok) console.log(describeVerification(r));
      else console.error(describeVerification(r));
      return r.ok ? 0 : 2;
    }
    case "audit-seal-legacy": {
      // refuses a chain that is broken already: re-hashing must not hide an earlier break
      const check = await verifyAuditChain();
      if (!check.ok) {
        console.error(`Audit chain BROKEN at event ${check.brokenAt!.id} (#${check.brokenAt!.seq}): ${check.brokenAt!.problem}. Nothing sealed.`);
        return 2;
      }
      const r = await sealLegacyAuditEvents();
      const after = await verifyAuditChain();
      if (values.json) console.log(JSON.stringify({ ...r, verified: after.ok }));
      else console.log(`Sealed the personal fields of ${r.sealedEvents} event(s); re-hashed ${r.rehashedEvents} event(s). Audit chain ${after.ok ? "intact" : "BROKEN"}.`);
      return after.ok ? 0 : 2;
    }
    default:
      console.error(USAGE);
      return 1;
  }
}

main(process.argv.slice(2))
  .then(async (code) => {
    await stopChangeBus(); // running servers hear of key changes before this process exits
    await prisma.$disconnect();
    process.exit(code);
  })
  .catch(async (e) => {
    if (isAppError(e)) {
      const fields = (e.details?.fields ?? {}) as Record<string, string[]>;
      console.error(`${e.message}${Object.keys(fields).length ? " " + Object.entries(fields).map(([k, v]) => `${k}: ${v.join(" ")}`).join("; ") : ""}`);
    } else console.error(e instanceof Error ? e.message : e);
    await prisma.$disconnect().catch(() => {});
    process.exit(1);
  });
