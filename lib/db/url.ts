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

/** Query parameters of a PostgreSQL URL that carry a secret (node-postgres / libpq names). */
const SECRET_PARAMS = /^(password|sslpassword|sslkey)$/i;

/**
 * The URL for messages and logs: a PostgreSQL URL's password (user-info part and `password=` /
 * `sslpassword=` parameters) becomes "***"; a `file:` URL has none and is returned as is.
 */
export function redactedDatabaseUrl(url = databaseUrl()): string {
  if (databaseProvider(url) !== "postgresql") return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    for (const key of [...u.searchParams.keys()]) if (SECRET_PARAMS.test(key)) u.searchParams.set(key, "***");
    return u.toString();
  } catch {
    return "postgresql://(unparseable URL)";
  }
}

/**
 * `text` (an error message, a log line) with the database URL's secrets masked: the URL itself
 * becomes its redacted form, and its password, raw or percent-decoded, "***" wherever it appears.
 */
export function redactDatabaseSecrets(text: string, url = databaseUrl()): string {
  if (databaseProvider(url) !== "postgresql") return text;
  const secrets = new Set<string>();
  try {
    const u = new URL(url);
    if (u.password) secrets.add(u.password);
    for (const [key, value] of u.searchParams) if (SECRET_PARAMS.test(key) && value) secrets.add(value);
  } catch {
    // unparseable: only the URL as a whole can be recognised
  }
  for (const s of [...secrets]) {
    try {
      secrets.add(decodeURIComponent(s));
    } catch {
      // not valid percent-encoding: the raw form only
    }
  }
  let out = text.split(url).join(redactedDatabaseUrl(url));
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
  return out;
}
