// omni persons search | get | create | presence | update | merge | link | unlink | activity | erase
import { Option, type Command } from "commander";
import {
  activitySchema, linkSchema, mergeSchema, personCreateSchema, personEraseSchema, personSearchQuerySchema, personUpdateSchema, unlinkSchema,
} from "../../lib/persons/schemas";
import { CHANNELS } from "../../lib/catalog/schemas";
import type { Person, PersonListItem } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { clearable, defined, identityArg, intArg, jsonObjectFlag, type IdentityFlag } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { confirm } from "../prompt";
import { checkBody } from "../validate";

const FLAGS = {
  displayName: "--name", primaryPhone: "--phone", primaryEmail: "--email", avatarUrl: "--avatar-url", metadata: "--metadata",
  identities: "--identity", q: "query", limit: "--limit", cursor: "--cursor", channel: "--channel", reason: "--reason",
  sourceId: "<sourceId>", targetId: "<targetId>", identityA: "<identityA>", identityB: "<identityB>", at: "--at", messages: "--messages",
};

const personName = (p: { displayName: string | null; primaryPhone: string | null; primaryEmail: string | null; id: string }) =>
  p.displayName ?? p.primaryPhone ?? p.primaryEmail ?? p.id;

export const personTable = (persons: PersonListItem[]) =>
  table(persons, [
    { header: "ID", value: (p) => p.id },
    { header: "NAME", value: (p) => p.displayName, max: 30 },
    { header: "PHONE", value: (p) => p.primaryPhone },
    { header: "EMAIL", value: (p) => p.primaryEmail, max: 30 },
    { header: "IDENTITIES", value: (p) => p.identityCount },
    { header: "CHANNELS", value: (p) => p.channels, max: 30 },
    { header: "LAST SEEN", value: (p) => p.lastSeenAt },
  ], "No persons found.");

export function personDetails(p: Person): string {
  const head = details([
    ["ID", p.id],
    ["Name", p.displayName],
    ["Phone", p.primaryPhone],
    ["Email", p.primaryEmail],
    ["Avatar", p.avatarUrl],
    ["Metadata", p.metadata],
    ["Updated", p.updatedAt],
  ]);
  const ids = p.identities?.length
    ? "\n\nIdentities:\n" + table(p.identities, [
        { header: "IDENTITY", value: (i) => i.id },
        { header: "INSTANCE", value: (i) => i.instance?.name ?? i.instanceId, max: 24 },
        { header: "CHANNEL", value: (i) => i.channel },
        { header: "PLATFORM USER", value: (i) => i.platformUserId, max: 32 },
        { header: "USERNAME", value: (i) => i.platformUsername, max: 24 },
        { header: "MESSAGES", value: (i) => i.messageCount },
        { header: "LAST SEEN", value: (i) => i.lastSeenAt },
      ])
    : "\n\nNo identities.";
  return head + ids;
}

type PersonOpts = { name?: string; phone?: string; email?: string; avatarUrl?: string; metadata?: string; identity?: IdentityFlag[] };

export function personCommands(persons: Command, io: Io) {
  persons
    .addHelpText("after", examples(
      "omni persons search ana --limit 5",
      "omni persons get 5e2…-uuid",
      "omni persons update 5e2…-uuid --phone '+14155550123' --email ana@example.com",
      "omni persons merge SOURCE_ID TARGET_ID --reason 'same customer'",
      "omni persons link IDENTITY_A IDENTITY_B",
      "omni persons unlink IDENTITY_ID --reason 'shared family phone'",
      "omni persons erase PERSON_ID --reason 'GDPR request #123'",
    ));

  persons
    .command("search")
    .description("search names, phones, emails, usernames and platform ids (prefix match, best first)")
    .argument("[query]", "what to look for (empty: everyone)")
    .addOption(new Option("--channel <channel>", "only persons with an identity on this channel").choices(CHANNELS))
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .addHelpText("after", examples("omni persons search '+1415'", "omni --json persons search ana | jq -r '.items[0].id'"))
    .action(action(io, async (ctx, query: string | undefined, o: { channel?: (typeof CHANNELS)[number]; limit?: number; cursor?: string; all?: boolean }) => {
      const params = defined({ q: query, channel: o.channel, limit: o.limit, cursor: o.cursor });
      checkBody(personSearchQuerySchema, params, FLAGS);
      const client = ctx.client();
      const page = o.all ? { items: await client.all(client.persons.search, params), nextCursor: null } : await client.persons.search(params);
      ctx.out.result(page, () => personTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  persons
    .command("get")
    .description("show a person with their identities")
    .argument("<id>", "person id")
    .addHelpText("after", examples("omni persons get 5e2…-uuid", "omni --json persons get 5e2…-uuid | jq -r '.identities[].id'"))
    .action(action(io, async (ctx, id: string) => {
      const p = await ctx.client().persons.get(id);
      ctx.out.result(p, () => personDetails(p));
    }));

  persons
    .command("create")
    .description("add a person, optionally with identities")
    .option("--name <name>", "display name")
    .option("--phone <e164>", "primary phone, international format (+14155550123)")
    .option("--email <email>", "primary email")
    .option("--avatar-url <url>", "avatar image URL")
    .option("--metadata <json>", "a JSON object")
    .option("--identity <instance:user[:username]>", "an identity on an instance (repeatable)", identityArg)
    .addHelpText("after", examples(
      "omni persons create --name 'Ana Lima' --phone +5511999990000 --identity 0b6…-uuid:5511999990000@c.us:ana",
      "omni --json persons create --name Bob --identity I:bob-1 --identity I2:bob_tg | jq -r .id",
    ))
    .action(action(io, async (ctx, o: PersonOpts) => {
      const body = checkBody(
        personCreateSchema,
        defined({ displayName: o.name, primaryPhone: o.phone, primaryEmail: o.email, avatarUrl: o.avatarUrl, metadata: jsonObjectFlag(o.metadata, "--metadata"), identities: o.identity }),
        FLAGS,
      );
      const p = await ctx.client().persons.create(body);
      ctx.out.result(p, () => `Created person ${personName(p)} (${p.id}).\n\n${personDetails(p)}`);
    }));

  persons
    .command("presence")
    .description("where and when a person was last seen, per channel")
    .argument("<id>", "person id")
    .addHelpText("after", examples("omni persons presence 5e2…-uuid", "omni --json persons presence 5e2…-uuid | jq .summary.online"))
    .action(action(io, async (ctx, id: string) => {
      const r = await ctx.client().persons.presence(id);
      ctx.out.result(r, () => {
        const s = r.summary;
        const head = details([
          ["Online", s.online],
          ["Identities", s.totalIdentities],
          ["Active channels", s.activeChannels],
          ["Messages", s.totalMessages],
          ["First seen", s.firstSeenAt],
          ["Last seen", s.lastSeenAt],
        ]);
        const rows = Object.entries(r.byChannel);
        return rows.length
          ? `${head}\n\n${table(rows, [
              { header: "CHANNEL", value: ([c]) => c },
              { header: "IDENTITIES", value: ([, v]) => v.identities },
              { header: "MESSAGES", value: ([, v]) => v.messages },
              { header: "ONLINE", value: ([, v]) => v.online },
              { header: "LAST SEEN", value: ([, v]) => v.lastSeenAt },
            ])}`
          : head;
      });
    }));

  persons
    .command("update")
    .description("change a person's name, phone, email, avatar or metadata (\"\" clears a field)")
    .argument("<id>", "person id")
    .option("--name <name>", "display name")
    .option("--phone <e164>", "primary phone, international format")
    .option("--email <email>", "primary email")
    .option("--avatar-url <url>", "avatar image URL")
    .option("--metadata <json>", "a JSON object (replaces the current one; \"\" clears)")
    .addHelpText("after", examples("omni persons update 5e2…-uuid --name 'Ana Lima' --email ''", "omni persons update 5e2…-uuid --metadata '{\"tier\":\"gold\"}'"))
    .action(action(io, async (ctx, id: string, o: PersonOpts) => {
      const body = defined({ displayName: clearable(o.name), primaryPhone: clearable(o.phone), primaryEmail: clearable(o.email), avatarUrl: clearable(o.avatarUrl), metadata: jsonObjectFlag(o.metadata, "--metadata") });
      if (Object.keys(body).length === 0) throw new CliUsageError("Nothing to change: give at least one of --name, --phone, --email, --avatar-url, --metadata.");
      const p = await ctx.client().persons.update(id, checkBody(personUpdateSchema, body, FLAGS));
      ctx.out.result(p, () => `Updated person ${personName(p)}.\n\n${personDetails(p)}`);
    }));

  persons
    .command("merge")
    .description("move every identity of SOURCE onto TARGET and delete SOURCE (audited; revertible)")
    .argument("<sourceId>", "person that disappears")
    .argument("<targetId>", "person that stays")
    .option("--reason <text>", "why (kept in the audit log)")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .addHelpText("after", examples("omni persons merge SOURCE_ID TARGET_ID --reason 'same customer, two numbers'", "omni --json persons merge S T | jq -r .auditEventId"))
    .action(action(io, async (ctx, sourceId: string, targetId: string, o: { reason?: string; yes?: boolean }) => {
      const body = checkBody(mergeSchema, defined({ sourceId, targetId, reason: o.reason }), FLAGS);
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Merge person ${sourceId} into ${targetId}? ${sourceId} will be deleted.`))) {
        throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      }
      const r = await ctx.client().persons.merge(body);
      ctx.out.result(r, () => `Merged ${r.deletedPersonId} into ${personName(r.person)} (${r.person.id}): ${r.mergedIdentityIds.length} identit${r.mergedIdentityIds.length === 1 ? "y" : "ies"} moved. Audit event ${r.auditEventId}.`);
    }));

  persons
    .command("link")
    .description("put two identities on one person (B's person is merged into A's)")
    .argument("<identityA>", "identity whose person stays")
    .argument("<identityB>", "identity to bring over")
    .option("--reason <text>", "why (kept in the audit log)")
    .addHelpText("after", examples("omni persons link IDENTITY_A IDENTITY_B --reason 'same phone on WhatsApp and Telegram'"))
    .action(action(io, async (ctx, identityA: string, identityB: string, o: { reason?: string }) => {
      const r = await ctx.client().identities.link(checkBody(linkSchema, defined({ identityA, identityB, reason: o.reason }), FLAGS));
      ctx.out.result(r, () => `Linked: both identities are now on ${personName(r.person)} (${r.person.id}). Audit event ${r.auditEventId}.`);
    }));

  persons
    .command("unlink")
    .description("move an identity off its person onto a new person of its own")
    .argument("<identityId>", "identity id")
    .option("--reason <text>", "why (default \"Manual unlink\")")
    .addHelpText("after", examples("omni persons unlink IDENTITY_ID --reason 'shared family phone'"))
    .action(action(io, async (ctx, identityId: string, o: { reason?: string }) => {
      const r = await ctx.client().identities.unlink(identityId, checkBody(unlinkSchema, defined({ reason: o.reason }), FLAGS));
      ctx.out.result(r, () => `Unlinked identity ${identityId}: it now belongs to the new person ${personName(r.person)} (${r.person.id}). Audit event ${r.auditEventId}.`);
    }));

  persons
    .command("activity")
    .description("record that an identity was seen (presence counters; what the hub reports)")
    .argument("<identityId>", "identity id")
    .option("--at <when>", "when (ISO date-time; default now)")
    .option("--messages <n>", "messages to add to its count", intArg)
    .addHelpText("after", examples("omni persons activity IDENTITY_ID --messages 3"))
    .action(action(io, async (ctx, identityId: string, o: { at?: string; messages?: number }) => {
      const body = checkBody(activitySchema, defined({ at: o.at, messages: o.messages }), FLAGS);
      const r = await ctx.client().identities.recordActivity(identityId, body);
      ctx.out.result(r, () => `Recorded activity of identity ${identityId}.`);
    }));

  persons
    .command("erase")
    .description("erase a person (right to erasure): the person, their identities and routes; their personal data in the audit trail becomes unreadable (not revertible)")
    .argument("<id>", "person id")
    .option("--reason <text>", "why (required; kept in the audit log, e.g. the request's reference)")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .addHelpText("after", examples("omni persons erase 5e2…-uuid --reason 'GDPR request #123' --yes", "omni --json persons erase 5e2…-uuid --reason 'LGPD' | jq -r .auditEventId"))
    .action(action(io, async (ctx, id: string, o: { reason?: string; yes?: boolean }) => {
      const body = checkBody(personEraseSchema, defined({ reason: o.reason }), FLAGS);
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Erase person ${id} for good? This cannot be undone.`))) {
        throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      }
      const r = await ctx.client().persons.erase(id, body);
      ctx.out.result(r, () => `Erased person ${r.id}: ${r.identityIds.length} identit${r.identityIds.length === 1 ? "y" : "ies"} and ${r.routeIds.length} route${r.routeIds.length === 1 ? "" : "s"} deleted, personal data in the audit trail destroyed. Audit event ${r.auditEventId}.`);
    }));
}
