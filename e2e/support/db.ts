// Direct access to the e2e server's SQLite file, for arranging states the API cannot (yet) make.
import Database from "better-sqlite3";

export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(process.env.E2E_DB_FILE!, { timeout: 5000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const count = (table: string) => withDb((db) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
