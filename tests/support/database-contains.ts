// "Does this secret appear anywhere in the stored data?" for both databases: the SQLite file
// bytes (after a WAL checkpoint), or every row of every table as text on PostgreSQL.
import fs from "node:fs";
import { prisma } from "@/lib/db";

export async function databaseContains(needle: string): Promise<boolean> {
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
  await prisma.$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const file = url.replace(/^file:/, "");
  return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(needle)));
}
