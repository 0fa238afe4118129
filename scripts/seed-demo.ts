// `npm run seed:demo`: loads a realistic, reproducible demo data set (instances, agents, chats,
// persons with platform identities, agent routes) into an EMPTY database. Refuses (exit 1) when
// any instance, person or chat already exists. All content comes from a mulberry32 PRNG seeded
// with 42, so two runs produce the same data (row ids are fresh UUIDs and timestamps are relative
// to "now"). Users, API keys and audit events are not created here.
import { randomUUID } from "node:crypto";
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { prisma } from "../lib/db";
import type { Prisma } from "../lib/generated/prisma/client";
import {
  AGENTS,
  COMPANIES,
  CUSTOMER_TAGS,
  DIASPORA_PHONES,
  EMAIL_GROUP_ADDRESSES,
  GATE_MODELS,
  GATE_PROMPTS,
  GLOBAL_MAIL_DOMAINS,
  GROUP_TITLES,
  INSTANCES,
  INSTANCE_AGENT_AFFINITY,
  NAME_ORIGINS,
  NAME_VARIANTS,
  PHONE_PLANS,
  PLANS,
  ROUTE_LABELS,
  SIGNUP_SOURCES,
  type Channel,
  type NameOrigin,
} from "./lib/demo-data";

const SEED = 42;
const BASE_PERSONS = 985;
const DUPLICATE_KINDS = [...Array<string>(5).fill("phone"), ...Array<string>(5).fill("email"), ...Array<string>(5).fill("name")] as const;
const ONLINE_IDENTITIES = 12;
const CHAT_ROUTE_CHATS = 40; // chats that get a route …
const CHAT_ROUTE_SECOND = 4; // … of which this many get a second, higher-priority gated route
const USER_ROUTES = 16;
const PHONE_SHARE = 0.7;
const EMAIL_SHARE = 0.5;
const BATCH = 500;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const chance = (p: number) => rand() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
function weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}
function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join("");
const ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const alnum = (n: number) => Array.from({ length: n }, () => pick([...ALNUM])).join("");

/** Draws until `make()` returns a value not in `used` (then records it). */
function unique(used: Set<string>, make: (attempt: number) => string | null, what: string): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const v = make(attempt);
    if (v !== null && !used.has(v)) {
      used.add(v);
      return v;
    }
  }
  throw new Error(`Could not generate a unique ${what}`);
}

// ---------------------------------------------------------------------------------------------
// Value generators

/** Lower-case ASCII letters and digits only ("Łukasz O'Brien-Müller" -> "lukaszobrienmuller"). */
function slug(s: string): string {
  return s
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
const hasDiacritics = (s: string) => s.normalize("NFD") !== s || /[łŁß]/.test(s);
function stripDiacritics(s: string): string {
  return s.replace(/ł/g, "l").replace(/Ł/g, "L").replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

const usedPhones = new Set<string>();
function phoneNumber(planKey: string): string {
  const plan = PHONE_PLANS[planKey];
  return unique(
    usedPhones,
    () => {
      const prefix = pick(plan.prefixes);
      const e164 = `+${plan.code}${prefix}${digits(plan.nsnLength - prefix.length)}`;
      return isValidPhoneNumber(e164) ? e164 : null;
    },
    `${planKey} phone number`,
  );
}

const usedEmails = new Set<string>();
function emailAddress(first: string, last: string, origin: NameOrigin, company: { domain: string } | null): string {
  const f = slug(first);
  const l = slug(last);
  return unique(
    usedEmails,
    (attempt) => {
      let local: string;
      let domain: string;
      if (company) {
        domain = company.domain;
        local = pick([`${f}.${l}`, `${f[0]}${l}`, `${f}`, `${f}.${l[0]}`]);
      } else {
        domain = chance(0.7) ? weighted(GLOBAL_MAIL_DOMAINS) : pick(origin.mailDomains);
        local = pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${f}.${l}${int(1, 99)}`, `${f}${int(1970, 2005)}`, `${l}.${f}`]);
      }
      if (attempt > 3) local += int(2, 999);
      return `${local}@${domain}`;
    },
    "e-mail address",
  );
}

function personMetadata(origin: NameOrigin, company: { name: string } | null): Prisma.InputJsonObject | undefined {
  if (company) {
    return { plan: pick(["pro", "business", "business", "enterprise"]), company: company.name, seats: int(3, 250) };
  }
  if (!chance(0.32)) return undefined;
  switch (int(0, 4)) {
    case 0:
      return { plan: pick(PLANS) };
    case 1:
      return { plan: pick(PLANS), source: pick(SIGNUP_SOURCES) };
    case 2:
      return { locale: origin.locale };
    case 3:
      return { tags: shuffle(CUSTOMER_TAGS).slice(0, int(1, 2)), plan: pick(PLANS) };
    default:
      return { plan: pick(PLANS), company: pick(COMPANIES).name };
  }
}

/** Discord snowflake for a moment between 2016 and mid-2024. */
function snowflake(): string {
  const ms = int(1451606400000, 1717200000000) - 1420070400000;
  return ((BigInt(ms) << 22n) | BigInt(int(0, 0x3fffff))).toString();
}

// ---------------------------------------------------------------------------------------------
// Data set

type InstanceRow = { id: string; name: string; channel: Channel; defaultAgentId: string | null; idx: number };

interface DemoIdentity {
  id: string;
  personId: string;
  instance: InstanceRow;
  platformUserId: string;
  platformUsername: string | null;
  messageCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

interface DemoPerson {
  id: string;
  origin: NameOrigin;
  first: string;
  last: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  metadata: Prisma.InputJsonObject | undefined;
  identities: DemoIdentity[];
}

async function main() {
  const started = performance.now();
  const now = Date.now();

  const [instanceCount, personCount, chatCount] = await Promise.all([
    prisma.instance.count(),
    prisma.person.count(),
    prisma.chat.count(),
  ]);
  if (instanceCount + personCount + chatCount > 0) {
    console.error("Database already has data; seed:demo only loads into an empty database.");
    console.error(`(found ${instanceCount} instance(s), ${personCount} person(s), ${chatCount} chat(s))`);
    process.exitCode = 1;
    return;
  }

  // -- agents and instances -------------------------------------------------------------------
  const setupAt = new Date(now - 120 * DAY);
  const agentIds = new Map(AGENTS.map((a) => [a.key, randomUUID()]));
  const agentRows: Prisma.AgentCreateManyInput[] = AGENTS.map((a, i) => ({
    id: agentIds.get(a.key)!,
    name: a.name,
    provider: a.provider,
    model: a.model,
    description: a.description,
    createdAt: new Date(setupAt.getTime() + i * 3 * DAY),
    updatedAt: new Date(now - int(1, 20) * DAY),
  }));
  const instances: InstanceRow[] = INSTANCES.map((inst, idx) => ({
    id: randomUUID(),
    name: inst.name,
    channel: inst.channel,
    defaultAgentId: inst.defaultAgent ? agentIds.get(inst.defaultAgent)! : null,
    idx,
  }));

  // -- persons and identities -----------------------------------------------------------------
  const usedNames = new Set<string>();
  const usedIds = instances.map(() => new Set<string>()); // platformUserId per instance
  const usedUsernames = instances.map(() => new Set<string>());
  const originWeights = NAME_ORIGINS.map((o) => [o, o.weight] as const);

  function username(channel: Channel, inst: InstanceRow, first: string, last: string): string | null {
    const f = slug(first);
    const l = slug(last);
    let patterns: string[];
    if (channel === "telegram") patterns = [`${f}_${l}`, `${f}${l}`, `${f}${l}${int(1, 99)}`, `${f}_${l[0]}`, `${l}${f}`, `the_${f}`];
    else if (channel === "discord") patterns = [`${f}.${l}`, `${f}${int(1, 999)}`, `${f}_${l[0]}`, `${f}${l}`, `${f}.${l[0]}`, `its${f}`];
    else if (channel === "slack") patterns = [`${f}.${l}`, `${f[0]}${l}`, `${f}`, `${f}.${l[0]}`];
    else return null;
    return unique(
      usedUsernames[inst.idx],
      (attempt) => {
        let u = pick(patterns);
        if (attempt > 2) u += int(2, 99);
        if (channel === "telegram" && u.length < 5) u += digits(5 - u.length + 1);
        return u.slice(0, 32);
      },
      `${channel} username`,
    );
  }

  function platformUserId(p: DemoPerson, inst: InstanceRow): string {
    const used = usedIds[inst.idx];
    switch (inst.channel) {
      case "whatsapp":
      case "sms":
      case "email": {
        const id = inst.channel === "email" ? p.email!.toLowerCase() : inst.channel === "whatsapp" ? `${p.phone!.slice(1)}@s.whatsapp.net` : p.phone!;
        if (used.has(id)) throw new Error(`Identity collision on ${inst.name}: ${id}`);
        used.add(id);
        return id;
      }
      case "telegram":
        return unique(used, () => String(int(100_000_000, 7_999_999_999)), "telegram user id");
      case "discord":
        return unique(used, snowflake, "discord user id");
      case "slack":
        return unique(used, () => `U0${int(1, 7)}${alnum(8)}`, "slack user id");
    }
  }

  function addIdentities(p: DemoPerson, count: number, exclude: ReadonlySet<number>) {
    const eligible = instances.filter(
      (inst) =>
        !exclude.has(inst.idx) &&
        (inst.channel !== "whatsapp" && inst.channel !== "sms" ? true : p.phone !== null) &&
        (inst.channel !== "email" || p.email !== null),
    );
    let pool = eligible.map((inst) => [inst, INSTANCES[inst.idx].identityWeight] as const);
    for (let k = 0; k < count && pool.length; k++) {
      const inst = weighted(pool);
      pool = pool.filter(([i]) => i !== inst);
      const firstSeenAt = now - int(6 * 60, 90 * 24 * 60) * MINUTE;
      // Last seen skews recent but stays >= 10 minutes ago; "online" identities are picked later.
      const span = Math.max(0, now - 10 * MINUTE - firstSeenAt);
      const lastSeenAt = now - 10 * MINUTE - Math.floor(span * Math.pow(rand(), 1.5));
      p.identities.push({
        id: randomUUID(),
        personId: p.id,
        instance: inst,
        platformUserId: platformUserId(p, inst),
        platformUsername: username(inst.channel, inst, p.first, p.last),
        messageCount: Math.floor(501 * Math.pow(rand(), 2.5)),
        firstSeenAt: new Date(firstSeenAt),
        lastSeenAt: new Date(Math.max(firstSeenAt, lastSeenAt)),
      });
    }
  }

  const persons: DemoPerson[] = [];
  for (let n = 0; n < BASE_PERSONS; n++) {
    const origin = weighted(originWeights);
    const mixed = chance(0.12);
    let first = "";
    let last = "";
    const displayName = unique(
      usedNames,
      () => {
        first = pick((mixed ? weighted(originWeights) : origin).first);
        last = pick(origin.last);
        if (origin.familyFirst && chance(0.2)) return `${last} ${first}`;
        if (origin.key === "us" && chance(0.08)) return `${first} ${pick([..."ABCDEJKLMRST"])}. ${last}`;
        return `${first} ${last}`;
      },
      "display name",
    );
    const phone = chance(PHONE_SHARE) ? phoneNumber(mixed ? pick(DIASPORA_PHONES) : pick(origin.phones)) : null;
    const company = chance(0.22) ? pick(COMPANIES) : null;
    const email = chance(EMAIL_SHARE) ? emailAddress(first, last, origin, company) : null;
    const p: DemoPerson = {
      id: randomUUID(),
      origin,
      first,
      last,
      displayName,
      phone,
      email,
      metadata: personMetadata(origin, email ? company : null),
      identities: [],
    };
    addIdentities(p, weighted([[1, 50], [2, 33], [3, 17]] as const), new Set());
    persons.push(p);
  }

  // Likely duplicates: a second Person row sharing a phone, an e-mail or a near-identical name
  // with an existing one, whose identities sit on instances the original does not use.
  const duplicatePairs: Array<{ kind: string; original: DemoPerson; duplicate: DemoPerson }> = [];
  const taken = new Set<string>();
  for (const kind of DUPLICATE_KINDS) {
    const candidates = persons.filter(
      (p) =>
        !taken.has(p.id) &&
        p.identities.length <= 2 &&
        (kind !== "phone" || p.phone !== null) &&
        (kind !== "email" || p.email !== null),
    );
    const original = pick(candidates);
    taken.add(original.id);
    const { first, last } = original;
    let displayName: string;
    if (kind === "name") {
      displayName = unique(
        usedNames,
        (attempt) => {
          if (attempt === 0 && NAME_VARIANTS[first]) return `${NAME_VARIANTS[first]} ${last}`;
          if (attempt <= 1 && hasDiacritics(original.displayName)) return stripDiacritics(original.displayName);
          if (attempt <= 2 && original.origin.familyFirst && original.displayName === `${first} ${last}`) return `${last} ${first}`;
          // A one-letter slip in the family name: doubled or swapped letters.
          const i = int(1, Math.max(1, last.length - 2));
          const typo = chance(0.5) ? last.slice(0, i) + last[i] + last.slice(i) : last.slice(0, i) + (last[i + 1] ?? "") + last[i] + last.slice(i + 2);
          return typo === last ? null : `${first} ${typo}`;
        },
        "near-duplicate name",
      );
    } else {
      displayName = pick([first, `${first} ${last[0]}.`, stripDiacritics(original.displayName), original.displayName.toLowerCase(), original.displayName]);
    }
    const duplicate: DemoPerson = {
      id: randomUUID(),
      origin: original.origin,
      first,
      last,
      displayName,
      phone: kind === "phone" ? original.phone : chance(0.5) ? phoneNumber(pick(original.origin.phones)) : null,
      email: kind === "email" ? original.email : chance(0.4) ? emailAddress(first, last, original.origin, null) : null,
      metadata: chance(0.3) ? { source: pick(SIGNUP_SOURCES) } : undefined,
      identities: [],
    };
    addIdentities(duplicate, int(1, 2), new Set(original.identities.map((i) => i.instance.idx)));
    if (!duplicate.identities.length) throw new Error("duplicate without identities");
    persons.push(duplicate);
    duplicatePairs.push({ kind, original, duplicate });
  }

  const identities = persons.flatMap((p) => p.identities);
  // A handful of people active right now (last seen within the last 5 minutes).
  const onlinePersons = new Set<string>();
  for (const identity of shuffle(identities)) {
    if (onlinePersons.size >= ONLINE_IDENTITIES) break;
    if (onlinePersons.has(identity.personId)) continue;
    onlinePersons.add(identity.personId);
    identity.lastSeenAt = new Date(now - int(5, 240) * SECOND);
    identity.messageCount = Math.max(identity.messageCount, int(3, 40));
  }

  // -- chats --------------------------------------------------------------------------------
  type ChatRow = Prisma.ChatCreateManyInput & { id: string; instance: InstanceRow; type: string; person?: DemoPerson };
  const chats: ChatRow[] = [];
  const usedChatIds = instances.map(() => new Set<string>());
  const personById = new Map(persons.map((p) => [p.id, p]));
  for (const inst of instances) {
    const cfg = INSTANCES[inst.idx];
    const used = usedChatIds[inst.idx];
    // Direct chats with the most active people on this instance.
    const active = identities
      .filter((i) => i.instance === inst)
      .sort((a, b) => b.messageCount - a.messageCount)
      .slice(0, cfg.chats.dm * 3);
    for (const identity of shuffle(active).slice(0, cfg.chats.dm)) {
      const person = personById.get(identity.personId)!;
      let externalId: string;
      if (inst.channel === "discord") externalId = unique(used, snowflake, "discord DM channel id");
      else if (inst.channel === "slack") externalId = unique(used, () => `D0${int(1, 7)}${alnum(8)}`, "slack DM id");
      else externalId = unique(used, () => identity.platformUserId, "DM chat id");
      chats.push({
        id: randomUUID(),
        instanceId: inst.id,
        instance: inst,
        externalId,
        title: person.displayName,
        type: "dm",
        person,
        createdAt: identity.firstSeenAt,
        updatedAt: identity.lastSeenAt,
      });
    }
    for (const type of ["group", "channel"] as const) {
      const titles = GROUP_TITLES[inst.name][type];
      for (let k = 0; k < cfg.chats[type]; k++) {
        let externalId: string;
        switch (inst.channel) {
          case "whatsapp":
            externalId = unique(used, () => `120363${digits(12)}@g.us`, "whatsapp group id");
            break;
          case "telegram":
            externalId = unique(
              used,
              () => (type === "group" && chance(0.4) ? `-${int(100_000_000, 999_999_999)}` : `-100${int(1, 2)}${digits(9)}`),
              "telegram chat id",
            );
            break;
          case "discord":
            externalId = unique(used, snowflake, "discord channel id");
            break;
          case "slack":
            externalId = unique(used, () => `C0${int(1, 7)}${alnum(8)}`, "slack channel id");
            break;
          default:
            externalId = unique(used, () => EMAIL_GROUP_ADDRESSES[k % EMAIL_GROUP_ADDRESSES.length], "mailbox");
        }
        const createdAt = now - int(60 * 24 * 60, 89 * 24 * 60) * MINUTE;
        chats.push({
          id: randomUUID(),
          instanceId: inst.id,
          instance: inst,
          externalId,
          title: titles[k] ?? `${type} ${k + 1}`,
          type,
          createdAt: new Date(createdAt),
          updatedAt: new Date(now - int(1, 60 * 24 * 7) * MINUTE),
        });
      }
    }
  }

  // -- agent routes ---------------------------------------------------------------------------
  const routes: Prisma.AgentRouteCreateManyInput[] = [];
  function routeFields(inst: InstanceRow, shared: boolean): Omit<Prisma.AgentRouteCreateManyInput, "instanceId" | "scope" | "agentId"> {
    const gate = chance(shared ? 0.35 : 0.1);
    const createdAt = now - int(60, 60 * 24 * 60) * MINUTE;
    return {
      id: randomUUID(),
      timeout: chance(0.6) ? pick([30, 45, 60, 90, 120]) : null,
      stream: chance(0.35),
      prefixSender: chance(shared ? 0.8 : 0.1),
      waitMedia: chance(0.2),
      sendMediaPath: chance(0.1),
      gate,
      gateModel: gate ? pick(GATE_MODELS) : null,
      gatePrompt: gate ? pick(GATE_PROMPTS) : null,
      replyFilterMode: chance(0.3) ? "filtered" : "all",
      label: chance(0.5) ? pick(ROUTE_LABELS) : null,
      priority: pick([0, 0, 0, 5, 5, 10]),
      active: chance(0.88),
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt + Math.floor(rand() * (now - createdAt))),
    };
  }
  const sharedChats = shuffle(chats.filter((c) => c.type !== "dm"));
  const dmChats = shuffle(chats.filter((c) => c.type === "dm"));
  const routedChats = [...sharedChats.slice(0, 26), ...dmChats.slice(0, CHAT_ROUTE_CHATS - 26)];
  for (const chat of routedChats) {
    const agentKey = pick(INSTANCE_AGENT_AFFINITY[chat.instance.name]);
    routes.push({ ...routeFields(chat.instance, chat.type !== "dm"), instanceId: chat.instanceId, scope: "chat", chatId: chat.id, agentId: agentIds.get(agentKey)! });
  }
  // A few chats with a second, higher-priority gated route layered over the first.
  for (const chat of routedChats.slice(0, CHAT_ROUTE_SECOND)) {
    const base = routes.find((r) => r.chatId === chat.id)!;
    const gateModel = pick(GATE_MODELS);
    routes.push({
      ...routeFields(chat.instance, chat.type !== "dm"),
      instanceId: chat.instanceId,
      scope: "chat",
      chatId: chat.id,
      agentId: agentIds.get(pick(["escalations", "billing"]))!,
      priority: base.priority === 10 ? 5 : 10,
      active: true,
      gate: true,
      gateModel,
      gatePrompt: pick(GATE_PROMPTS),
      label: pick(["VIP escalation", "Billing questions", "Outage response", "Refund requests"]),
    });
  }
  // Per-person routes, on an instance where that person has an identity.
  const routedUsers = new Set<string>();
  for (const person of shuffle(persons.filter((p) => p.identities.length > 0))) {
    if (routedUsers.size >= USER_ROUTES) break;
    const identity = pick(person.identities);
    const key = `${identity.instance.idx}:${person.id}`;
    if (routedUsers.has(key)) continue;
    routedUsers.add(key);
    const company = typeof person.metadata?.company === "string" ? person.metadata.company : null;
    const fields = routeFields(identity.instance, false);
    routes.push({
      ...fields,
      instanceId: identity.instance.id,
      scope: "user",
      personId: person.id,
      agentId: agentIds.get(pick(["escalations", "escalations", "sales", "billing", "triage"]))!,
      label: company ? `Key account – ${company}` : chance(0.6) ? pick(["VIP customer", "Beta testers", "Refund requests", "Trial follow-up"]) : fields.label,
    });
  }

  // Keep a few routes switched off (paused rules are part of any real routing table).
  while (routes.filter((r) => r.active === false).length < 5) {
    const r = pick(routes.filter((x) => x.active !== false && !x.gate));
    r.active = false;
  }

  // -- write ----------------------------------------------------------------------------------
  const personRows: Prisma.PersonCreateManyInput[] = persons.map((p) => {
    const createdAt = Math.min(...p.identities.map((i) => i.firstSeenAt.getTime()));
    const lastSeen = Math.max(...p.identities.map((i) => i.lastSeenAt.getTime()));
    return {
      id: p.id,
      displayName: p.displayName,
      primaryPhone: p.phone,
      primaryEmail: p.email,
      avatarUrl: null,
      metadata: p.metadata,
      createdAt: new Date(createdAt),
      updatedAt: new Date(Math.max(createdAt, lastSeen - int(0, 3 * 24 * 60) * MINUTE)),
    };
  });
  const identityRows: Prisma.PlatformIdentityCreateManyInput[] = identities.map((i) => ({
    id: i.id,
    personId: i.personId,
    instanceId: i.instance.id,
    channel: i.instance.channel,
    platformUserId: i.platformUserId,
    platformUsername: i.platformUsername,
    profilePicUrl: null,
    messageCount: i.messageCount,
    firstSeenAt: i.firstSeenAt,
    lastSeenAt: i.lastSeenAt,
    linkedBy: "system",
    linkReason: null,
    createdAt: i.firstSeenAt,
    updatedAt: i.lastSeenAt,
  }));
  const chatRows: Prisma.ChatCreateManyInput[] = chats.map((c) => ({
    id: c.id,
    instanceId: c.instanceId,
    externalId: c.externalId,
    title: c.title,
    type: c.type,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));

  for (const r of routes) {
    if ((r.scope === "chat") === (r.chatId == null) || (r.scope === "user") === (r.personId == null)) throw new Error("route scope mismatch");
  }

  const batches = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, k) => rows.slice(k * BATCH, (k + 1) * BATCH));
  await prisma.$transaction(
    async (tx) => {
      await tx.agent.createMany({ data: agentRows });
      await tx.instance.createMany({
        data: instances.map((i) => ({
          id: i.id,
          name: i.name,
          channel: i.channel,
          defaultAgentId: i.defaultAgentId,
          createdAt: new Date(setupAt.getTime() + (i.idx + 5) * 2 * DAY),
          updatedAt: new Date(now - int(1, 30) * DAY),
        })),
      });
      for (const data of batches(personRows)) await tx.person.createMany({ data });
      for (const data of batches(identityRows)) await tx.platformIdentity.createMany({ data });
      for (const data of batches(chatRows)) await tx.chat.createMany({ data });
      for (const data of batches(routes)) await tx.agentRoute.createMany({ data });
    },
    { maxWait: 10_000, timeout: 120_000 },
  );

  // -- summary --------------------------------------------------------------------------------
  const [agents, insts, people, idents, chatTotal, routeTotal] = await Promise.all([
    prisma.agent.count(),
    prisma.instance.count(),
    prisma.person.count(),
    prisma.platformIdentity.count(),
    prisma.chat.count(),
    prisma.agentRoute.count(),
  ]);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const chatRoutes = routes.filter((r) => r.scope === "chat").length;
  const inactive = routes.filter((r) => r.active === false).length;
  const byKind = (k: string) => duplicatePairs.filter((d) => d.kind === k).length;
  console.log(`Demo data loaded in ${seconds}s (seed ${SEED}):`);
  console.log(`  agents              ${agents}`);
  console.log(`  instances           ${insts} (${instances.filter((i) => i.defaultAgentId).length} with a default agent)`);
  console.log(`  persons             ${people} (${persons.filter((p) => p.phone).length} with phone, ${persons.filter((p) => p.email).length} with e-mail)`);
  console.log(`  platform identities ${idents} (${onlinePersons.size} people online now)`);
  console.log(`  chats               ${chatTotal} (${chats.filter((c) => c.type === "dm").length} dm, ${chats.filter((c) => c.type === "group").length} group, ${chats.filter((c) => c.type === "channel").length} channel)`);
  console.log(`  agent routes        ${routeTotal} (${chatRoutes} chat, ${routeTotal - chatRoutes} user; ${inactive} inactive)`);
  console.log(`  likely duplicates   ${duplicatePairs.length} pairs (${byKind("phone")} same phone, ${byKind("email")} same e-mail, ${byKind("name")} near-identical name)`);
  for (const { kind, original, duplicate } of duplicatePairs) {
    const shared = kind === "phone" ? original.phone : kind === "email" ? original.email : "similar name";
    console.log(`    ${`${original.displayName}`.padEnd(24)} ~ ${duplicate.displayName.padEnd(24)} (${shared})`);
  }
}

main()
  .then(() => prisma.$disconnect())
  .catch(async (e) => {
    console.error(e);
    await prisma.$disconnect().catch(() => {});
    process.exit(1);
  });
