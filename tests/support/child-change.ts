// Run as a separate process by tests/integration/multi-process.test.ts: "process B" of the app,
// on the same DATABASE_URL. Commands (argv): update-route <routeId> <agentId> | revoke-key <keyId>
// | consume-rate <subject> <limit> <n> | login-failures <address> <email> <n> | disable-user <userId>
// | set-role <userId> <role> | end-session <sessionId> | link-identities <identityA> <identityB>.
import { systemPrincipal } from "@/lib/auth/principal";
import { updateRoute } from "@/lib/routes/update-route";
import { revokeApiKey } from "@/lib/keys/revoke-key";
import { consumeRate } from "@/lib/api/rate-limit";
import { recordSignInFailure } from "@/lib/auth/login-throttle";
import { flushChangeBus, stopChangeBus } from "@/lib/events/change-bus";
import { prisma } from "@/lib/db";
import { updateUser } from "@/lib/users/update-user";
import { endSession } from "@/lib/sessions/session-store";
import { linkIdentities } from "@/lib/persons/link-identities";

const [cmd, a, b, c] = process.argv.slice(2);
const p = systemPrincipal("process-b");

async function main() {
  if (cmd === "update-route") await updateRoute(p, a, { agentId: b });
  else if (cmd === "revoke-key") await revokeApiKey(p, a, { reason: "revoked by process B" });
  else if (cmd === "consume-rate") for (let i = 0; i < Number(c); i++) await consumeRate(a, Number(b));
  else if (cmd === "login-failures") for (let i = 0; i < Number(c); i++) await recordSignInFailure({ address: a, email: b });
  else if (cmd === "disable-user") await updateUser(p, a, { disabled: true });
  else if (cmd === "set-role") await updateUser(p, a, { role: b as "admin" | "lead" | "viewer" });
  else if (cmd === "end-session") await endSession(a);
  else if (cmd === "link-identities") await linkIdentities(p, { identityA: a, identityB: b });
  else throw new Error(`unknown command ${cmd}`);
  await flushChangeBus();
  await stopChangeBus();
  await prisma.$disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
