// SQLite keeps the pages an erasure changed twice until a checkpoint: the new ones in the
// write-ahead log, the old ones — the erased person's bytes — in the database file, and earlier
// frames of the log can hold them too. secure_delete (lib/db/sqlite-serial-adapter.ts) zeroes what
// a delete frees; this moves those zeroed pages into the file and empties the log.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { dbProvider, prisma } from "../db";
import { log } from "../log";

/**
 * SQLite: `PRAGMA wal_checkpoint(TRUNCATE)`, tried again every `waitMs` (default 50 ms) up to
 * `attempts` times (default 40, ~2 s) while a reader in another process or thread holds a snapshot
 * older than the erasure (the checkpoint then reports busy and leaves the old pages in place).
 * Returns true once a checkpoint completed and the log is empty; false (and a warning in the log)
 * when readers kept it busy throughout — the next checkpoint then completes the job. PostgreSQL:
 * true at once (a deleted row is unreadable at once; VACUUM reclaims its space).
 */
export async function flushErasedPages(attempts = 40, waitMs = 50): Promise<boolean> {
  if (dbProvider === "postgresql") return true;
  for (let i = 0; i < attempts; i++) {
    const [r] = await prisma.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
    if (Number(r?.busy ?? 0) === 0) return true;
    await sleep(waitMs);
  }
  log.warn("erasure: the write-ahead log could not be checkpointed (readers kept it busy); the erased pages leave it at the next checkpoint", { attempts });
  return false;
}
