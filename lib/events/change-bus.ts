// Carries change events between app processes that share a PostgreSQL database (LISTEN/NOTIFY),
// so a route, person or key changed through process A invalidates the caches of process B.
// SQLite is one process: the bus is off there and emitChange stays purely local.
//
// Ordering: an audited write sends its notification inside its own transaction (writeAudit with
// `changes`: pg_notify in the statement that stores the event), so PostgreSQL delivers it exactly
// when the change commits, at no extra round trip. Other changes are published after commit and
// every such publish is awaited before the request that caused it answers (apiRoute and
// validatedAction call flushChangeBus). Either way, by the time a client learns that a write
// succeeded, the notification is committed in PostgreSQL; PostgreSQL then delivers it to every listener.
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
  pending: Set<Promise<unknown>>;
  deliver: ((e: ChangeEvent) => void) | null;
  started: boolean;
  stopped: boolean;
};

const g = globalThis as unknown as { omniChangeBus?: Bus };
const bus: Bus = (g.omniChangeBus ??= {
  origin: randomUUID(),
  listener: null,
  pending: new Set(),
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
 * The pg_notify arguments that announce `events` from this process, to run inside the writing
 * transaction (PostgreSQL delivers a notification when, and only if, its transaction commits);
 * null without the bus, or when the payload would be too large (then publish after commit).
 */
export function changeNotification(events: ChangeEvent[]): { channel: string; payload: string } | null {
  if (!events.length || !changeBusEnabled()) return null;
  const payload = encodeChange(bus.origin, events);
  return Buffer.byteLength(payload) <= MAX_PAYLOAD ? { channel: CHANGE_CHANNEL, payload } : null;
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

/** Tells the other processes (no-op without the bus). */
export function publishChange(e: ChangeEvent): void {
  if (!changeBusEnabled()) return;
  const p = sidePool()
    .query("SELECT pg_notify($1, $2)", [CHANGE_CHANNEL, encodeChange(bus.origin, e)])
    .catch((err) => log.error("change bus publish failed", { error: String(err), kind: e.kind }));
  bus.pending.add(p);
  p.finally(() => bus.pending.delete(p));
}

/** Resolves when everything this process published so far is in PostgreSQL. */
export async function flushChangeBus(): Promise<void> {
  if (bus.pending.size) await Promise.all([...bus.pending]);
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
