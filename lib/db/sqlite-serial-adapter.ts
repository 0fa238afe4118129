// SQLite through one better-sqlite3 connection, with every request isolated from every other.
//
// Prisma's better-sqlite3 adapter keeps one connection per process: an interactive transaction
// opens BEGIN on it and holds it across awaits, while queries issued outside that transaction run
// on the same connection — inside it. A request could read another request's uncommitted data,
// and its acknowledged write was lost when the other transaction rolled back. This wrapper puts
// every statement outside a transaction and every transaction in one queue (async-mutex): a
// statement waits until no transaction is open, a transaction until the connection is free.
import { Mutex } from "async-mutex";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

function serialAdapter(inner: SqlDriverAdapter): SqlDriverAdapter {
  const queue = new Mutex();
  const alone = <T>(fn: () => Promise<T>) => queue.runExclusive(fn);
  return new Proxy(inner, {
    get(target, prop, receiver) {
      switch (prop) {
        case "queryRaw":
          return (q: SqlQuery) => alone(() => target.queryRaw(q));
        case "executeRaw":
          return (q: SqlQuery) => alone(() => target.executeRaw(q));
        case "executeScript":
          return (script: string) => alone(() => target.executeScript(script));
        case "startTransaction":
          return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> => {
            const release = await queue.acquire();
            let tx: Transaction;
            try {
              tx = await target.startTransaction(...args);
            } catch (e) {
              release();
              throw e;
            }
            const end = (fn: () => Promise<void>) => async () => {
              try {
                await fn();
              } finally {
                release();
              }
            };
            return new Proxy(tx, {
              get(t, p, r) {
                if (p === "commit") return end(() => t.commit());
                if (p === "rollback") return end(() => t.rollback());
                const v = Reflect.get(t, p, r);
                return typeof v === "function" ? v.bind(t) : v;
              },
            });
          };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/**
 * `factory` (Prisma's better-sqlite3 adapter factory) with its connections serialised: no
 * statement ever runs inside another caller's transaction. Same interface as the factory.
 */
export function serialSqliteAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") {
        return async () => {
          const conn = await target.connect();
          // Deleted rows are overwritten with zeros, not left in free pages: an erased person's
          // data must not survive in the file (lib/privacy/erase-person.ts).
          await conn.executeScript("PRAGMA secure_delete = ON");
          return serialAdapter(conn);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
