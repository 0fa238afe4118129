// Statement tracing at the driver adapter: every SQL statement Prisma sends (plain or inside a
// transaction, raw or generated) passes here, so tests can hold the write path to a statement
// budget. Only where it is asked for (under Vitest, or OMNI_STATEMENT_TRACE=1): elsewhere the
// factory is returned as it is and the statements of the app's hot paths pass no proxy.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

type Listener = (sql: string) => void;
const g = globalThis as unknown as { omniStatementListeners?: Set<Listener>; omniTransactionListeners?: Set<() => void> };
const listeners = (g.omniStatementListeners ??= new Set<Listener>());

/**
 * Calls `fn` with the text of every statement this process sends from now on (queries and
 * executes, in transactions or not; BEGIN / COMMIT / ROLLBACK are not statements the caller
 * wrote and are not reported). Returns the function that stops listening.
 */
export function onStatement(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const transactionListeners = (g.omniTransactionListeners ??= new Set<() => void>());

/** Calls `fn` each time this process opens an interactive transaction from now on. Returns the function that stops listening. */
export function onTransactionStart(fn: () => void): () => void {
  transactionListeners.add(fn);
  return () => transactionListeners.delete(fn);
}

const report = (q: SqlQuery) => {
  if (listeners.size) for (const fn of listeners) fn(q.sql);
};

function traced<T extends SqlDriverAdapter | Transaction>(inner: T): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "queryRaw" || prop === "executeRaw") {
        return (q: SqlQuery) => {
          report(q);
          return (target[prop] as (q: SqlQuery) => Promise<unknown>).call(target, q);
        };
      }
      if (prop === "startTransaction") {
        return async (...args: unknown[]) => {
          for (const fn of transactionListeners) fn();
          return traced(await (target as SqlDriverAdapter).startTransaction(...(args as Parameters<SqlDriverAdapter["startTransaction"]>)));
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** Whether this process traces statements: under Vitest (VITEST is set), or with OMNI_STATEMENT_TRACE=1. */
const tracing = () => !!process.env.VITEST || process.env.OMNI_STATEMENT_TRACE === "1";

/**
 * `factory` with every connection it makes traced (see onStatement) when this process traces
 * statements; otherwise `factory` itself. Same interface as the factory.
 */
export function tracedAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  if (!tracing()) return factory;
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === "connect") return async () => traced(await target.connect());
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
