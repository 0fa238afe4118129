// Application-defined SQL functions for SQLite, registered on every connection (the app's, the
// migration runner's, the benchmarks', the e2e fixtures'): the ones the person-search triggers call
// (migration 20261130141500_person_search_terms; without them such writes fail with "no such
// function"), and the LIKE that makes literal text filters work (lib/db/literal-text.ts).
// Not server-only: scripts and benchmarks use it too.
import type Database from "better-sqlite3";
import { identitySearchTerms, personSearchTerms } from "../persons/rules/search-query";
import { likeMatches } from "./rules/like-pattern";

type Registrable = Pick<Database.Database, "function">;

/**
 * Registers on `db`:
 * - `omni_person_terms(name, phone, email)` and `omni_identity_terms(username, userId)`: a JSON
 *   array of `[field, term]` pairs (lib/persons/rules/search-query.ts), read by json_each.
 * - `like(pattern, value)`, which SQLite calls for `value LIKE pattern` without an ESCAPE clause
 *   (Prisma's `contains`/`startsWith`): the built-in one has no escape character, so a `%` or `_`
 *   the user typed could only be a wildcard. This one gives `\` PostgreSQL's meaning (escape the
 *   next character) and folds case beyond ASCII (rules/like-pattern.ts). `LIKE … ESCAPE …` (three
 *   arguments) stays SQLite's own. NULL on either side: NULL, as before.
 */
export function registerSqliteFunctions(db: Registrable): void {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  db.function("omni_person_terms", { deterministic: true }, (name: unknown, phone: unknown, email: unknown) =>
    JSON.stringify(personSearchTerms(text(name), text(phone), text(email))));
  db.function("omni_identity_terms", { deterministic: true }, (username: unknown, userId: unknown) =>
    JSON.stringify(identitySearchTerms(text(username), text(userId))));
  const sqlText = (v: unknown) => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v.toString("utf8") : String(v));
  db.function("like", { deterministic: true }, (pattern: unknown, value: unknown) => {
    const p = sqlText(pattern);
    const v = sqlText(value);
    return p === null || v === null ? null : likeMatches(p, v) ? 1 : 0;
  });
}

/** `factory` (Prisma's better-sqlite3 adapter factory) whose connections have the functions above. */
export function withSqliteFunctions<F extends { connect(): Promise<unknown>; connectToShadowDb?(): Promise<unknown> }>(factory: F): F {
  const wrap = async (connecting: Promise<unknown>) => {
    const adapter = await connecting;
    const client = (adapter as { client?: Registrable }).client;
    if (!client || typeof client.function !== "function") throw new Error("better-sqlite3 adapter without a client: cannot register SQL functions");
    registerSqliteFunctions(client);
    return adapter;
  };
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") return () => wrap(target.connect());
      if (prop === "connectToShadowDb" && target.connectToShadowDb) return () => wrap(target.connectToShadowDb!());
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
