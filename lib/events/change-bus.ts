// Carries change events between app processes that share a PostgreSQL database (LISTEN/NOTIFY),
// so a route, person or key changed through process A invalidates the caches of process B.
// SQLite is one process: the bus is off there and emitChange stays purely local.
//
// Ordering: a change is published after the write that causes it commits (never for one that rolls
// back), and every publish is awaited before the request that caused it answers (apiRoute and
// validatedAction call flushChangeBus): by the time a client learns that a write succeeded, the
// notification is committed in PostgreSQL, which then delivers it to every listener.
//
// Why not inside the writing transaction: PostgreSQL serialises the commits of all transactions
// that sent a NOTIFY, on one lock held through the commit's WAL flush (PreCommit_Notify). With the
// notification in every audited write, writes queued on that lock while each flushed in turn
// (sampled under 50 clients: 20 of 50 active backends waited on it). Published apart, on
// connections that commit with synchronous_commit = off (a notification is never replayed after a
// crash anyway: listeners lose their connection and drop every cache), the lock is held for
// microseconds, and the writes' own commits flush together. The changes of concurrent writes go
// out together: while one notification is in flight, the next ones gather into a single one.
// A listener that loses its connection cannot know what it missed: on reconnect it drops every
// cache ({ kind: "all" }) before resuming.
import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { databaseProvider, databaseUrl } from "../db/url";
import { log } from "../log";
import { sidePool } from "../db/pg-pool";
import type { ChangeEvent } from "./change-event";

export const CHANGE_CHANNEL = "omni_changes";

type Bus = {
  origin: string;
  listener: pg.Client | null;
  /** Events gathered for the next notification (sent when the one in flight is done). */
  gathering: ChangeEvent[] | null;
  /** The last notification sent or queued (resolves when it and every one before it are in PostgreSQL, or failed and were logged). */
  sending: Promise<void>;
  deliver: ((e: ChangeEvent) => void) | null;
  started: boolean;
  stopped: boolean;
};

const g = globalThis as unknown as { omniChangeBus?: Bus };
const bus: Bus = (g.omniChangeBus ??= {
  origin: randomUUID(),
  listener: null,
  gathering: null,
  sending: Promise.resolve(),
  deliver: null,
  started: false,
  stopped: false,
});

export const changeBusEnabled = () => databaseProvider(databaseUrl()) === "postgresql" && process.env.OMNI_CHANGE_BUS !== "off";

/**
 * The wire format (pure): what one process tells the others — one event, or several that one
 * transaction announced together (one NOTIFY; PostgreSQL caps a payload at 8000 bytes, see
 * MAX_PAYLOAD).
 */
export function encodeChange(origin: string, e: ChangeEvent | ChangeEvent[]): string {
  return JSON.stringify(Array.isArray(e) ? { o: origin, es: e } : { o: origin, e });
}

const isEvent = (e: unknown): e is ChangeEvent => !!e && typeof e === "object" && typeof (e as { kind?: unknown }).kind === "string";

/** Decodes a payload into its events (one or more); null when it is not one of ours. */
export function decodeChange(payload: string): { origin: string; events: ChangeEvent[] } | null {
  try {
    const v = JSON.parse(payload) as { o?: unknown; e?: unknown; es?: unknown };
    if (!v || typeof v.o !== "string") return null;
    const events = Array.isArray(v.es) ? v.es : [v.e];
    if (!events.length || !events.every(isEvent)) return null;
    return { origin: v.o, events };
  } catch {
    return null;
  }
}

/** Bytes a NOTIFY payload may hold here (PostgreSQL's limit is 8000, less than that with the channel name). */
export const MAX_PAYLOAD = 7000;

/**
 * The payloads that carry `events` from `origin` (pure): as few as fit MAX_PAYLOAD bytes each, in
 * order. An event too large to fit on its own is sent as { kind: "all" } (every cache drops
 * everything: a lost invalidation would be worse).
 */
export function changePayloads(origin: string, events: ChangeEvent[]): string[] {
  const out: string[] = [];
  let batch: ChangeEvent[] = [];
  for (const event of events) {
    const e = Buffer.byteLength(encodeChange(origin, [event])) <= MAX_PAYLOAD ? event : ({ kind: "all" } as ChangeEvent);
    if (batch.length && Buffer.byteLength(encodeChange(origin, [...batch, e])) > MAX_PAYLOAD) {
      out.push(encodeChange(origin, batch));
      batch = [];
    }
    batch.push(e);
  }
  if (batch.length) out.push(encodeChange(origin, batch));
  return out;
}

async function connectListener(attempt = 0): Promise<void> {
  if (bus.stopped) return;
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("notification", (n) => {
    if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
    const msg = decodeChange(n.payload);
    if (msg && msg.origin !== bus.origin) for (const e of msg.events) bus.deliver?.(e);
  });
  const retry = (why: unknown) => {
    if (bus.stopped) return;
    log.warn("change bus listener lost; reconnecting", { error: String(why) });
    bus.listener = null;
    client.end().catch(() => {});
    const delay = Math.min(5000, 100 * 2 ** attempt);
    setTimeout(() => connectListener(attempt + 1).catch(() => {}), delay).unref();
  };
  client.on("error", retry);
  try {
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  } catch (e) {
    retry(e);
    return;
  }
  bus.listener = client;
  // Whatever happened while we were not listening is unknown: start from empty caches.
  if (attempt > 0) bus.deliver?.({ kind: "all" });
}

/** Starts listening (once per process); deliver receives events published by other processes. */
export function startChangeBus(deliver: (e: ChangeEvent) => void): void {
  bus.deliver = deliver;
  if (bus.started || !changeBusEnabled()) return;
  bus.started = true;
  bus.stopped = false;
  connectListener().catch(() => {});
}

/**
 * Tells the other processes (no-op without the bus). Call after the change committed. Events
 * published while a notification is in flight gather into the next one (one statement, one pg_notify
 * per payload of changePayloads); flushChangeBus resolves once every event published so far is in PostgreSQL.
 */
export function publishChange(e: ChangeEvent): void {
  if (!changeBusEnabled()) return;
  if (!bus.gathering) {
    const events: ChangeEvent[] = (bus.gathering = []);
    const sent = bus.sending.then(() => {
      if (bus.gathering === events) bus.gathering = null;
      return sidePool()
        .query("SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p", [CHANGE_CHANNEL, changePayloads(bus.origin, events)])
        .then(() => undefined, (err) => log.error("change bus publish failed", { error: String(err), events: events.length }));
    });
    bus.sending = sent;
  }
  bus.gathering.push(e);
}

/** Resolves when everything this process published so far is in PostgreSQL. */
export async function flushChangeBus(): Promise<void> {
  await bus.sending; // notifications go out one after another: the last one settles after all before it
}

/** Whether the listener is connected (for health and tests). */
export const changeBusListening = () => bus.listener !== null;

export async function stopChangeBus(): Promise<void> {
  bus.stopped = true;
  bus.started = false;
  await flushChangeBus();
  await bus.listener?.end().catch(() => {});
  bus.listener = null;
}
