// "Does this secret appear anywhere in the stored data?" for both databases: the SQLite file
// bytes (after a WAL checkpoint), or every row of every table as text on PostgreSQL.
import fs from "node:fs";
import { prisma } from "@/lib/db";
import { sqliteFilePath } from "@/lib/db/url";
import { flushErasedPages } from "@/lib/privacy/flush-erased-pages";

/**
 * `checkpoint: false` (SQLite): the file and its log as they are, without checkpointing first —
 * what a copy of the disk would hold at this moment. Otherwise a TRUNCATE checkpoint first, tried
 * until it completes (a reader elsewhere can keep it busy): throws after ~5 s rather than answer
 * from a file that still holds pages the log replaced.
 */
export async function databaseContains(needle: string, opts: { checkpoint?: boolean } = {}): Promise<boolean> {
  const url = process.env.DATABASE_URL!;
  if (url.startsWith("postgres")) {
    const tables = await prisma.$queryRawUnsafe<{ t: string }[]>(
      "SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public'",
    );
    for (const { t } of tables) {
      const hit = await prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM ${t} x WHERE strpos(row_to_json(x)::text, $1) > 0`,
        needle,
      );
      if (Number(hit[0].n) > 0) return true;
    }
    return false;
  }
  if (opts.checkpoint !== false && !(await flushErasedPages(100, 50))) {
    throw new Error("databaseContains: the WAL checkpoint stayed busy for 5 s (a reader holds an old snapshot)");
  }
  const file = sqliteFile();
  return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(needle)));
}

/** The SQLite database file of DATABASE_URL (lib/db/url.ts sqliteFilePath). */
export const sqliteFile = () => sqliteFilePath(process.env.DATABASE_URL!);
