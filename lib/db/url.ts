import fs from "node:fs";
import path from "node:path";

/** The embedded default: a SQLite file under data/ (created on first use). */
export const DEFAULT_DATABASE_URL = "file:./data/omni.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export type DbProvider = "sqlite" | "postgresql";

export function databaseProvider(url = databaseUrl()): DbProvider {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** Absolute file path of a `file:` SQLite URL; makes sure its folder exists. */
export function sqliteFilePath(url = databaseUrl()): string {
  const raw = url.replace(/^file:/, "").split("?")[0];
  if (raw === ":memory:") return raw;
  const abs = path.isAbsolute(raw) ? raw : path.resolve(/*turbopackIgnore: true*/ process.cwd(), raw);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  return abs;
}

/** The URL for messages and logs: a password in it is masked. */
export function redactedDatabaseUrl(url = databaseUrl()): string {
  if (databaseProvider(url) !== "postgresql") return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgresql://(unparseable URL)";
  }
}
