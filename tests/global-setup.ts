import fs from "node:fs";
import path from "node:path";
import { migrate } from "../scripts/db-migrate";
import { dropDatabase } from "../scripts/lib/pg-admin";

export default async function setup() {
  const url = process.env.VITEST_DATABASE_URL!;
  if (url.startsWith("postgres")) {
    await dropDatabase(url);
    await migrate(url, true);
    return () => dropDatabase(url);
  }
  const file = process.env.VITEST_DB_FILE!;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  await migrate(`file:${file}`, true);
  return () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
}
