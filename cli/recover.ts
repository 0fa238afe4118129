// The server-host side of `omni auth recover`: open DATABASE_URL through the app's own services
// (loaded only for this command, so other commands start fast) and issue the key.
import fs from "node:fs";
import { isAppError } from "../lib/errors";
import { databaseProvider, databaseUrl, redactDatabaseSecrets, redactedDatabaseUrl } from "../lib/db/url";
import { CliFailure, CliUsageError, EXIT } from "./exit-codes";

export async function recoverAdminKey(opts: { rotate: boolean; env: NodeJS.ProcessEnv; log: (line: string) => void }) {
  const url = databaseUrl();
  if (databaseProvider(url) === "sqlite") {
    const file = url.replace(/^file:/, "").split("?")[0];
    if (file !== ":memory:" && !fs.existsSync(file)) {
      throw new CliFailure(
        `No database at ${file}. Run this on the server host, in the app's folder, or set DATABASE_URL to the server's database.`,
        EXIT.SERVER,
        "DATABASE_UNAVAILABLE",
      );
    }
  }
  // Every URL and message printed here has the database password masked.
  opts.log(`recover: using the database ${redactedDatabaseUrl(url)}`);
  process.env.OMNI_LOG ??= "silent";
  const { recoverAdminKey: recover } = await import("../lib/keys/recover-admin-key");
  const { prisma } = await import("../lib/db");
  const { stopChangeBus } = await import("../lib/events/change-bus");
  try {
    return await recover({ rotate: opts.rotate });
  } catch (e) {
    if (isAppError(e) && e.code === "CONFLICT") throw new CliUsageError(e.message, {}, "RECOVERY_KEY_EXISTS");
    if (isAppError(e)) throw new CliFailure(redactDatabaseSecrets(e.message, url), EXIT.SERVER, e.code);
    const first = e instanceof Error ? e.message.split("\n")[0] || String((e as { code?: unknown }).code ?? e.name) : String(e);
    const reason = redactDatabaseSecrets(first, url);
    throw new CliFailure(`Cannot use the database (${redactedDatabaseUrl(url)}): ${reason}`, EXIT.SERVER, "DATABASE_UNAVAILABLE");
  } finally {
    // the running servers hear of the revocation (PostgreSQL NOTIFY) before this process exits
    await stopChangeBus().catch(() => {});
    await prisma.$disconnect().catch(() => {});
  }
}
