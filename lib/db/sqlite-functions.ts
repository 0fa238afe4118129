// Application-defined SQL functions that SQLite's triggers call (see the migration
// 20261130141500_person_search_terms): they must be registered on every connection that writes
// persons or identities (the app's, the migration runner's, the benchmarks'), or such writes fail
// with "no such function". Not server-only: scripts and benchmarks use it too.
import type Database from "better-sqlite3";
import { identitySearchTerms, personSearchTerms } from "../persons/rules/search-query";

type Registrable = Pick<Database.Database, "function">;

/**
 * Registers on `db`:
 * - `omni_person_terms(name, phone, email)` and `omni_identity_terms(username, userId)`: a JSON
 *   array of `[field, term]` pairs (lib/persons/rules/search-query.ts), read by json_each.
 */
export function registerSqliteFunctions(db: Registrable): void {
  const text = (v: unknown) => (typeof v === "string" ? v : null);
  db.function("omni_person_terms", { deterministic: true }, (name: unknown, phone: unknown, email: unknown) =>
    JSON.stringify(personSearchTerms(text(name), text(phone), text(email))));
  db.function("omni_identity_terms", { deterministic: true }, (username: unknown, userId: unknown) =>
    JSON.stringify(identitySearchTerms(text(username), text(userId))));
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
