// Run as a separate process by tests/integration/webhooks.test.ts: commits a merge of argv[2]
// into argv[3] (its outbox row commits with it), prints the audit event id, then dies with
// SIGKILL before any worker could deliver it.
import { systemPrincipal } from "@/lib/auth/principal";
import { mergePersons } from "@/lib/persons/merge-persons";

const [sourceId, targetId] = process.argv.slice(2);
const r = await mergePersons(systemPrincipal("child"), { sourceId, targetId, reason: "killed after commit" });
process.stdout.write(`${r.auditEventId}\n`, () => process.kill(process.pid, "SIGKILL"));
