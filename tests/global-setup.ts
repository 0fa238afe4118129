import fs from "node:fs";
import path from "node:path";
import { migrate } from "../scripts/db-migrate";

export default async function setup() {
  const file = process.env.VITEST_DB_FILE!;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  await migrate(`file:${file}`, true);
  return () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
}
