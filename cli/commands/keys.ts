// omni keys create | list | get | update | revoke | delete
import { Option, type Command } from "commander";
import { keyCreateSchema, keyListQuerySchema, keyRevokeSchema, keyRollSchema, keyUpdateSchema, KEY_STATUSES } from "../../lib/keys/schemas";
import type { ApiKey } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { clearable, clearableList, commaList, defined, expiresValue, intArg } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { confirm } from "../prompt";
import { checkBody } from "../validate";

const FLAGS = { name: "--name", scopes: "--scopes", instanceIds: "--instances", description: "--description", rateLimit: "--rate-limit", expiresAt: "--expires" };

export const keyTable = (keys: ApiKey[]) =>
  table(keys, [
    { header: "ID", value: (k) => k.id },
    { header: "NAME", value: (k) => k.name, max: 32 },
    { header: "PREFIX", value: (k) => `${k.prefix}…` },
    { header: "SCOPES", value: (k) => k.scopes, max: 40 },
    { header: "INSTANCES", value: (k) => k.instanceIds ?? "all", max: 20 },
    { header: "STATUS", value: (k) => k.status },
    { header: "LAST USED", value: (k) => k.lastUsedAt },
    { header: "EXPIRES", value: (k) => k.expiresAt },
  ], "No API keys.");

export const keyDetails = (k: ApiKey) =>
  details([
    ["ID", k.id],
    ["Name", k.name],
    ["Description", k.description],
    ["Prefix", `${k.prefix}…`],
    ["Scopes", k.scopes],
    ["Instances", k.instanceIds ?? "all"],
    ["Rate limit", k.rateLimit ? `${k.rateLimit}/min` : "server default"],
    ["Status", k.status],
    ["Expires", k.expiresAt],
    ["Last used", k.lastUsedAt ? `${k.lastUsedAt}${k.lastUsedIp ? ` from ${k.lastUsedIp}` : ""}` : null],
    ["Requests", k.usageCount],
    ["Created", `${k.createdAt} by ${k.createdBy ?? "—"}`],
    ...(k.revokedAt ? ([["Revoked", `${k.revokedAt} by ${k.revokedBy ?? "—"}${k.revokeReason ? `: ${k.revokeReason}` : ""}`]] as [string, unknown][]) : []),
  ]);

export function keyCommands(keys: Command, io: Io) {
  keys
    .addHelpText("after", examples(
      "omni keys create --name ci --scopes routes:read,routes:write --expires 90d",
      "omni keys list --status active",
      "omni --json keys create --name bot --scopes '*' | jq -r .key",
      "omni keys revoke 3f0c…-uuid --reason 'leaked in a log'",
    ));

  keys
    .command("create")
    .description("create a key; its secret is printed once")
    .requiredOption("--name <name>", "a name people recognise")
    .requiredOption("--scopes <list>", "comma list, e.g. routes:read,persons:* or *")
    .option("--instances <ids>", "comma list of instance ids the key is restricted to (default: all)")
    .option("--description <text>", "what the key is for")
    .option("--rate-limit <n>", "requests per minute (default: the server's)", intArg)
    .option("--expires <when>", "ISO date-time, a date (end of day UTC) or a duration: 90d, 12h, 2w, 1y")
    .addHelpText("after", `\nScopes: * | <resource>:* | routes:read routes:write persons:read persons:write keys:read\nkeys:write audit:read audit:revert instances:read instances:write agents:read agents:write chats:read\nchats:write users:read users:write webhooks:read webhooks:write\n` + examples(
      "omni keys create --name ci --scopes routes:read,routes:write --expires 90d",
      "omni keys create --name support-bot --scopes persons:read --instances 0b6…,8c2… --rate-limit 120",
    ))
    .action(action(io, async (ctx, o: { name: string; scopes: string; instances?: string; description?: string; rateLimit?: number; expires?: string }) => {
      const body = defined({
        name: o.name,
        scopes: commaList(o.scopes),
        instanceIds: clearableList(o.instances),
        description: o.description,
        rateLimit: o.rateLimit,
        expiresAt: expiresValue(o.expires),
      });
      const key = await ctx.client().keys.create(checkBody(keyCreateSchema, body, FLAGS));
      ctx.out.result(key, () => `Created API key "${key.name}" (${key.id}).\n\n  ${key.key}\n\nStore it now: it is not shown again.\n\n${keyDetails(key)}`);
    }));

  keys
    .command("list")
    .description("list keys (newest first)")
    .addOption(new Option("--status <status>", "only active, revoked or expired keys").choices(KEY_STATUSES))
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .addHelpText("after", examples("omni keys list", "omni keys list --status revoked --limit 50", "omni --json keys list --all | jq -r '.items[].name'"))
    .action(action(io, async (ctx, o: { status?: "active" | "revoked" | "expired"; limit?: number; cursor?: string; all?: boolean }) => {
      const client = ctx.client();
      const params = defined({ status: o.status, limit: o.limit, cursor: o.cursor });
      checkBody(keyListQuerySchema, params, { limit: "--limit", cursor: "--cursor", status: "--status" });
      const page = o.all ? { items: await client.all(client.keys.list, params), nextCursor: null } : await client.keys.list(params);
      ctx.out.result(page, () => keyTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  keys
    .command("get")
    .description("show one key (never its secret)")
    .argument("<id>", "key id")
    .addHelpText("after", examples("omni keys get 3f0c…-uuid"))
    .action(action(io, async (ctx, id: string) => {
      const key = await ctx.client().keys.get(id);
      ctx.out.result(key, () => keyDetails(key));
    }));

  keys
    .command("update")
    .description("change a key's name, description, scopes, instances, rate limit or expiry")
    .argument("<id>", "key id")
    .option("--name <name>", "new name")
    .option("--description <text>", "new description (\"\" clears)")
    .option("--scopes <list>", "replace the scopes (comma list)")
    .option("--instances <ids>", "replace the instance restriction (comma list; \"\" = every instance)")
    .option("--rate-limit <n>", "requests per minute", intArg)
    .option("--no-rate-limit", "back to the server's default rate limit")
    .option("--expires <when>", "new expiry: ISO date-time, date or duration (90d); \"\" = never")
    .addHelpText("after", examples(
      "omni keys update 3f0c…-uuid --scopes routes:*,persons:read",
      "omni keys update 3f0c…-uuid --instances \"\" --expires \"\"      # every instance, no expiry",
      "omni keys update 3f0c…-uuid --rate-limit 60",
    ))
    .action(action(io, async (ctx, id: string, o: { name?: string; description?: string; scopes?: string; instances?: string; rateLimit?: number | false; expires?: string }) => {
      const body = defined({
        name: o.name,
        description: clearable(o.description),
        scopes: o.scopes === undefined ? undefined : commaList(o.scopes),
        instanceIds: clearableList(o.instances),
        rateLimit: o.rateLimit === false ? null : o.rateLimit,
        expiresAt: expiresValue(o.expires),
      });
      if (Object.keys(body).length === 0) throw new CliUsageError("Nothing to change: give at least one of --name, --description, --scopes, --instances, --rate-limit, --expires.");
      const key = await ctx.client().keys.update(id, checkBody(keyUpdateSchema, body, FLAGS));
      ctx.out.result(key, () => `Updated API key "${key.name}".\n\n${keyDetails(key)}`);
    }));

  keys
    .command("revoke")
    .description("stop a key at once; it stays listed as revoked")
    .argument("<id>", "key id")
    .option("--reason <text>", "why (kept in the audit log)")
    .addHelpText("after", examples("omni keys revoke 3f0c…-uuid --reason 'rotated'"))
    .action(action(io, async (ctx, id: string, o: { reason?: string }) => {
      const key = await ctx.client().keys.revoke(id, checkBody(keyRevokeSchema, defined({ reason: o.reason }), { reason: "--reason" }));
      ctx.out.result(key, () => `Revoked API key "${key.name}" (${key.id}).`);
    }));

  keys
    .command("roll")
    .description("replace a key by a new one with the same settings; the old one is revoked (at once or after --grace)")
    .argument("<id>", "key id")
    .option("--grace <seconds>", "the old key keeps working this long (default 0, at most 7 days)", intArg)
    .option("--expires <when>", "expiry of the new key (default: the old key's); \"\" = never")
    .option("--reason <text>", "why (kept in the audit log)")
    .addHelpText("after", examples("omni keys roll 3f0c…-uuid --grace 3600", "omni --json keys roll 3f0c…-uuid | jq -r .key"))
    .action(action(io, async (ctx, id: string, o: { grace?: number; expires?: string; reason?: string }) => {
      const body = checkBody(keyRollSchema, defined({ gracePeriodSeconds: o.grace, expiresAt: expiresValue(o.expires), reason: o.reason }), { gracePeriodSeconds: "--grace", expiresAt: "--expires", reason: "--reason" });
      const key = await ctx.client().keys.roll(id, body);
      ctx.out.result(key, () => `Rolled API key "${key.name}": the new key (${key.id}) is\n\n  ${key.key}\n\nStore it now: it is not shown again. The old key ${key.previous.id} stops working at ${key.previous.revokedAt}.`);
    }));

  keys
    .command("usage")
    .description("requests per hour made with a key")
    .argument("<id>", "key id")
    .option("--hours <n>", "how many hours back (default 168 = 7 days)", intArg)
    .addHelpText("after", examples("omni keys usage 3f0c…-uuid --hours 24"))
    .action(action(io, async (ctx, id: string, o: { hours?: number }) => {
      const usage = await ctx.client().keys.usage(id, defined({ hours: o.hours }));
      ctx.out.result(usage, () => {
        const busy = usage.hours.filter((h) => h.count > 0);
        return `${usage.total} request(s) since ${usage.from}.` + (busy.length ? "\n\n" + table(busy, [{ header: "HOUR (UTC)", value: (h) => h.hour }, { header: "REQUESTS", value: (h) => h.count }]) : "");
      });
    }));

  keys
    .command("delete")
    .description("delete a key permanently (revoke keeps the record; delete does not)")
    .argument("<id>", "key id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .addHelpText("after", examples("omni keys delete 3f0c…-uuid --yes"))
    .action(action(io, async (ctx, id: string, o: { yes?: boolean }) => {
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Delete API key ${id} permanently?`))) {
        throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      }
      const r = await ctx.client().keys.delete(id);
      ctx.out.result(r, () => `Deleted API key ${r.id}.`);
    }));
}
