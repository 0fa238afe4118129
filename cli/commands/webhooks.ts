// omni webhooks list | get | create | update | delete | rotate-secret | test | deliveries | redeliver
import { Option, type Command } from "commander";
import { z } from "zod";
import { DELIVERY_STATUSES, deliveryListQuerySchema, webhookCreateSchema, webhookUpdateSchema } from "../../lib/webhooks/schemas";
import type { Webhook, WebhookDelivery } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { clearable, clearableList, commaList, defined, intArg } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { confirm } from "../prompt";
import { checkBody } from "../validate";

const FLAGS = { url: "--url", events: "--events", description: "--description", instanceIds: "--instances", disabled: "--disable/--enable" };
// Whether a destination is allowed is the server's decision (OMNI_WEBHOOK_ALLOW_PRIVATE is its setting): the CLI checks the form only.
const createBody = webhookCreateSchema.extend({ url: z.string().trim().min(1, "Required.") });
const updateBody = webhookUpdateSchema.extend({ url: z.string().trim().min(1, "Required.").optional() });

export const webhookTable = (hooks: Webhook[]) =>
  table(hooks, [
    { header: "ID", value: (w) => w.id },
    { header: "URL", value: (w) => w.url, max: 40 },
    { header: "EVENTS", value: (w) => w.events, max: 30 },
    { header: "INSTANCES", value: (w) => w.instanceIds ?? "all", max: 20 },
    { header: "STATUS", value: (w) => (w.disabled ? "disabled" : w.failingSince ? "failing" : "enabled") },
    { header: "CREATED", value: (w) => w.createdAt },
  ], "No webhooks.");

export const webhookDetails = (w: Webhook) =>
  details([
    ["ID", w.id],
    ["URL", w.url],
    ["Description", w.description],
    ["Events", w.events],
    ["Instances", w.instanceIds ?? "all"],
    ["Status", w.disabled ? `disabled${w.disabledReason ? ` (${w.disabledReason})` : ""}` : "enabled"],
    ["Failing since", w.failingSince],
    ["Previous secret until", w.previousSecretExpiresAt],
    ["Created", `${w.createdAt} by ${w.createdBy ?? "—"}`],
  ]);

export const deliveryTable = (items: WebhookDelivery[]) =>
  table(items, [
    { header: "ID", value: (d) => d.id },
    { header: "TYPE", value: (d) => d.type },
    { header: "STATUS", value: (d) => d.status },
    { header: "ATTEMPTS", value: (d) => d.attempts },
    { header: "CODE", value: (d) => d.lastStatusCode },
    { header: "MS", value: (d) => d.durationMs },
    { header: "ERROR", value: (d) => d.lastError, max: 30 },
    { header: "NEXT", value: (d) => d.nextAttemptAt },
    { header: "CREATED", value: (d) => d.createdAt },
  ], "No deliveries.");

const deliveryDetails = (d: WebhookDelivery) =>
  details([["ID", d.id], ["Event", `${d.type} ${d.eventId}`], ["Status", d.status], ["Attempts", d.attempts], ["Response", d.lastStatusCode], ["Error", d.lastError], ["Duration", d.durationMs === null ? null : `${d.durationMs} ms`], ["Next attempt", d.nextAttemptAt]]);

const withSecret = (verb: string, w: Webhook & { secret: string }) =>
  `${verb} webhook ${w.id}.\n\n  ${w.secret}\n\nStore the signing secret now: it is not shown again.\n\n${webhookDetails(w)}`;

export function webhookCommands(hooks: Command, io: Io) {
  hooks.addHelpText("after", examples(
    "omni webhooks create --url https://crm.example.com/omni --events person.merge,identity.*",
    "omni webhooks deliveries 7a1…-uuid --status failed",
    "omni webhooks redeliver 7a1…-uuid 0c4…-delivery",
  ));

  hooks
    .command("create")
    .description("subscribe a URL to events; the signing secret is printed once")
    .requiredOption("--url <url>", "where events are POSTed (https)")
    .requiredOption("--events <list>", "comma list of audit actions, prefix.* or *")
    .option("--description <text>", "what it is for")
    .option("--instances <ids>", "only events of these instances (comma list; default: all, or the key's)")
    .action(action(io, async (ctx, o: { url: string; events: string; description?: string; instances?: string }) => {
      const body = defined({ url: o.url, events: commaList(o.events), description: o.description, instanceIds: clearableList(o.instances) });
      const w = await ctx.client().webhooks.create(checkBody(createBody, body, FLAGS));
      ctx.out.result(w, () => withSecret("Created", w));
    }));

  hooks
    .command("list")
    .description("list webhook endpoints (newest first)")
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .action(action(io, async (ctx, o: { limit?: number; cursor?: string; all?: boolean }) => {
      const client = ctx.client();
      const params = defined({ limit: o.limit, cursor: o.cursor });
      const page = o.all ? { items: await client.all(client.webhooks.list, params), nextCursor: null } : await client.webhooks.list(params);
      ctx.out.result(page, () => webhookTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  hooks
    .command("get")
    .description("show one endpoint (never its secret)")
    .argument("<id>", "webhook id")
    .action(action(io, async (ctx, id: string) => {
      const w = await ctx.client().webhooks.get(id);
      ctx.out.result(w, () => webhookDetails(w));
    }));

  hooks
    .command("update")
    .description("change the URL, events, description or instances; enable or disable")
    .argument("<id>", "webhook id")
    .option("--url <url>", "new URL")
    .option("--events <list>", "replace the events (comma list)")
    .option("--description <text>", "new description (\"\" clears)")
    .option("--instances <ids>", "replace the instances (comma list; \"\" = every instance)")
    .option("--disable", "stop deliveries")
    .option("--enable", "resume deliveries (clears the failure state)")
    .action(action(io, async (ctx, id: string, o: { url?: string; events?: string; description?: string; instances?: string; disable?: boolean; enable?: boolean }) => {
      if (o.disable && o.enable) throw new CliUsageError("Give --disable or --enable, not both.");
      const body = defined({
        url: o.url,
        events: o.events === undefined ? undefined : commaList(o.events),
        description: clearable(o.description),
        instanceIds: clearableList(o.instances),
        disabled: o.disable ? true : o.enable ? false : undefined,
      });
      if (Object.keys(body).length === 0) throw new CliUsageError("Nothing to change: give at least one of --url, --events, --description, --instances, --disable, --enable.");
      const w = await ctx.client().webhooks.update(id, checkBody(updateBody, body, FLAGS));
      ctx.out.result(w, () => `Updated webhook ${w.id}.\n\n${webhookDetails(w)}`);
    }));

  hooks
    .command("delete")
    .description("delete an endpoint and its deliveries")
    .argument("<id>", "webhook id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .action(action(io, async (ctx, id: string, o: { yes?: boolean }) => {
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Delete webhook ${id} and its deliveries?`))) {
        throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      }
      const r = await ctx.client().webhooks.delete(id);
      ctx.out.result(r, () => `Deleted webhook ${r.id}.`);
    }));

  hooks
    .command("rotate-secret")
    .description("new signing secret, printed once; the old one still signs for 24 h")
    .argument("<id>", "webhook id")
    .action(action(io, async (ctx, id: string) => {
      const w = await ctx.client().webhooks.rotateSecret(id);
      ctx.out.result(w, () => withSecret("Rotated the secret of", w));
    }));

  hooks
    .command("test")
    .description("send a webhook.test event now and show how it went")
    .argument("<id>", "webhook id")
    .action(action(io, async (ctx, id: string) => {
      const d = await ctx.client().webhooks.test(id);
      ctx.out.result(d, () => deliveryDetails(d));
    }));

  hooks
    .command("deliveries")
    .description("an endpoint's deliveries (newest first)")
    .argument("<id>", "webhook id")
    .addOption(new Option("--status <status>", "only pending, succeeded or failed").choices(DELIVERY_STATUSES))
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .action(action(io, async (ctx, id: string, o: { status?: (typeof DELIVERY_STATUSES)[number]; limit?: number; cursor?: string }) => {
      const params = defined({ status: o.status, limit: o.limit, cursor: o.cursor });
      checkBody(deliveryListQuerySchema, params, { limit: "--limit", cursor: "--cursor", status: "--status" });
      const page = await ctx.client().webhooks.deliveries(id, params);
      ctx.out.result(page, () => deliveryTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  hooks
    .command("redeliver")
    .description("queue a delivery again")
    .argument("<id>", "webhook id")
    .argument("<deliveryId>", "delivery id")
    .action(action(io, async (ctx, id: string, deliveryId: string) => {
      const d = await ctx.client().webhooks.redeliver(id, deliveryId);
      ctx.out.result(d, () => `Queued delivery ${d.id} again.\n\n${deliveryDetails(d)}`);
    }));
}
