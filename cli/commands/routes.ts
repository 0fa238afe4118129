// omni routes list | get | create | update | delete | test | metrics
import { Option, type Command } from "commander";
import { REPLY_FILTER_MODES, ROUTE_SCOPES, routeCreateSchema, routeListQuerySchema, routeTestSchema, routeUpdateSchema } from "../../lib/routes/schemas";
import type { Route, RouteResolution } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { activeFlag, clearable, clearableInt, defined, intArg, tristate } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { confirm } from "../prompt";
import { checkBody } from "../validate";

const FLAGS: Record<string, string> = {
  instanceId: "--instance", scope: "--scope", chatId: "--chat", personId: "--person", agentId: "--agent", timeout: "--timeout",
  stream: "--stream", prefixSender: "--prefix-sender", waitMedia: "--wait-media", sendMediaPath: "--send-media-path",
  gate: "--gate", gateModel: "--gate-model", gatePrompt: "--gate-prompt", replyFilterMode: "--reply-filter-mode",
  label: "--label", priority: "--priority", active: "--active", instance: "--instance", agent: "--agent", chat: "--chat",
  person: "--person", limit: "--limit", cursor: "--cursor",
};

type RouteOpts = {
  instance?: string; scope?: string; chat?: string; person?: string; agent?: string; timeout?: string;
  stream?: boolean; prefixSender?: boolean; waitMedia?: boolean; sendMediaPath?: boolean; gate?: boolean;
  gateModel?: string; gatePrompt?: string; replyFilterMode?: string; label?: string; priority?: number;
  active?: boolean; inactive?: boolean;
};

/** The options shared by create and update (all optional here; create makes some mandatory). */
function routeOptions(cmd: Command, create: boolean): Command {
  const clear = create ? "" : ' ("" clears)';
  cmd
    .addOption(new Option("--scope <scope>", "chat: one chat answers; user: one person, on any chat").choices(ROUTE_SCOPES).makeOptionMandatory(create))
    .option("--chat <id>", `chat id (scope chat)${clear}`)
    .option("--person <id>", `person id (scope user)${clear}`)
    .option("--timeout <seconds>", `agent reply timeout, 1..3600${clear}`)
    .option("--stream", "stream the agent's reply")
    .option("--no-stream", "send the reply in one message")
    .option("--prefix-sender", "prefix messages with the sender's name")
    .option("--no-prefix-sender", "do not prefix the sender's name")
    .option("--wait-media", "wait for media to download before answering")
    .option("--no-wait-media", "answer without waiting for media")
    .option("--send-media-path", "pass media as a file path to the agent")
    .option("--no-send-media-path", "do not pass media paths")
    .option("--gate", "let a gate model decide whether to answer")
    .option("--no-gate", "answer every message")
    .option("--gate-model <model>", `model of the gate${clear}`)
    .option("--gate-prompt <text>", `prompt of the gate${clear}`)
    .addOption(new Option("--reply-filter-mode <mode>", "which replies are sent").choices(REPLY_FILTER_MODES))
    .option("--label <text>", `a label people recognise${clear}`)
    .option("--priority <n>", "higher wins within a scope (default 0)", intArg)
    .option("--active", create ? "active (the default)" : "switch the route on")
    .option("--inactive", create ? "create it switched off" : "switch the route off");
  return cmd;
}

function routeBody(o: RouteOpts, create: boolean) {
  const text = create ? (v: string | undefined) => v : clearable;
  return defined({
    instanceId: o.instance,
    scope: o.scope,
    chatId: text(o.chat),
    personId: text(o.person),
    agentId: o.agent,
    timeout: clearableInt(o.timeout, "--timeout"),
    stream: tristate(o.stream),
    prefixSender: tristate(o.prefixSender),
    waitMedia: tristate(o.waitMedia),
    sendMediaPath: tristate(o.sendMediaPath),
    gate: tristate(o.gate),
    gateModel: text(o.gateModel),
    gatePrompt: text(o.gatePrompt),
    replyFilterMode: o.replyFilterMode,
    label: text(o.label),
    priority: o.priority,
    active: activeFlag(o),
  });
}

const target = (r: Route) =>
  r.scope === "chat" ? `chat ${r.chat?.title ?? r.chat?.externalId ?? r.chatId}` : `person ${r.person?.displayName ?? r.person?.primaryPhone ?? r.personId}`;

export const routeTable = (routes: Route[]) =>
  table(routes, [
    { header: "ID", value: (r) => r.id },
    { header: "INSTANCE", value: (r) => r.instance?.name ?? r.instanceId, max: 24 },
    { header: "TARGET", value: target, max: 36 },
    { header: "AGENT", value: (r) => r.agent?.name ?? r.agentId, max: 24 },
    { header: "PRIO", value: (r) => r.priority },
    { header: "ACTIVE", value: (r) => r.active },
    { header: "LABEL", value: (r) => r.label, max: 30 },
  ], "No routes.");

export const routeDetails = (r: Route) =>
  details([
    ["ID", r.id],
    ["Label", r.label],
    ["Instance", `${r.instance?.name ?? "?"} (${r.instanceId})`],
    ["Scope", r.scope],
    ["Target", target(r)],
    ["Agent", `${r.agent?.name ?? "?"} (${r.agentId})`],
    ["Priority", r.priority],
    ["Active", r.active],
    ["Timeout", r.timeout === null ? null : `${r.timeout} s`],
    ["Stream", r.stream],
    ["Prefix sender", r.prefixSender],
    ["Wait for media", r.waitMedia],
    ["Send media path", r.sendMediaPath],
    ["Gate", r.gate ? `${r.gateModel ?? "default model"}${r.gatePrompt ? `: ${r.gatePrompt}` : ""}` : false],
    ["Reply filter", r.replyFilterMode],
    ["Updated", r.updatedAt],
  ]);

export const resolutionText = (r: RouteResolution) => {
  const head =
    r.source === "none"
      ? "No agent answers: no active route matches and the instance has no default agent."
      : `${r.agent?.name ?? "?"} (${r.agent?.id}) answers — ${
          r.source === "instanceDefault" ? "the instance's default agent (no route matched)" : `${r.source} route ${r.route?.id}${r.route?.label ? ` "${r.route.label}"` : ""}`
        }${r.tie ? " (tie: the most recently updated route won)" : ""}${r.cached ? " [cached]" : ""}.`;
  const cands = r.candidates.length
    ? "\n\nCandidates:\n" + table(r.candidates, [
        { header: "ROUTE", value: (c) => c.routeId },
        { header: "SCOPE", value: (c) => c.scope },
        { header: "PRIO", value: (c) => c.priority },
        { header: "ACTIVE", value: (c) => c.active },
        { header: "CHOSEN", value: (c) => c.chosen },
        { header: "REASON", value: (c) => c.reason, max: 80 },
      ])
    : "";
  return head + cands;
};

export function routeCommands(routes: Command, io: Io) {
  routes
    .addHelpText("after", examples(
      "omni routes list --instance 0b6…-uuid --active",
      "omni routes create --instance I --scope chat --chat C --agent A --priority 10 --label 'VIP desk'",
      "omni routes create --instance I --scope user --person P --agent A --gate --gate-model gpt-4o-mini --no-stream",
      "omni routes update R --inactive",
      "omni routes test --instance I --chat C --person P",
      "omni --json routes metrics | jq .hitRate",
    ));

  routes
    .command("list")
    .description("list routes (most recently updated first)")
    .option("--instance <id>", "only this instance's routes")
    .addOption(new Option("--scope <scope>", "only chat or user routes").choices(ROUTE_SCOPES))
    .option("--active", "only active routes")
    .option("--inactive", "only inactive routes")
    .option("--agent <id>", "only routes to this agent")
    .option("--chat <id>", "only routes of this chat")
    .option("--person <id>", "only routes of this person")
    .option("--label <text>", "label contains")
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .addHelpText("after", examples("omni routes list --instance 0b6…-uuid --scope user --inactive", "omni --json routes list --all | jq '.items | length'"))
    .action(action(io, async (ctx, o: { instance?: string; scope?: "chat" | "user"; active?: boolean; inactive?: boolean; agent?: string; chat?: string; person?: string; label?: string; limit?: number; cursor?: string; all?: boolean }) => {
      const active = activeFlag(o);
      const params = defined({ instance: o.instance, scope: o.scope, active, agent: o.agent, chat: o.chat, person: o.person, q: o.label, limit: o.limit, cursor: o.cursor });
      checkBody(routeListQuerySchema, { ...params, active: active === undefined ? undefined : String(active) }, { ...FLAGS, q: "--label" });
      const client = ctx.client();
      const page = o.all ? { items: await client.all(client.routes.list, params), nextCursor: null } : await client.routes.list(params);
      ctx.out.result(page, () => routeTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  routes
    .command("get")
    .description("show one route")
    .argument("<id>", "route id")
    .addHelpText("after", examples("omni routes get 7d1…-uuid"))
    .action(action(io, async (ctx, id: string) => {
      const r = await ctx.client().routes.get(id);
      ctx.out.result(r, () => routeDetails(r));
    }));

  routeOptions(
    routes
      .command("create")
      .description("create a route")
      .requiredOption("--instance <id>", "instance id")
      .requiredOption("--agent <id>", "agent that answers"),
    true,
  )
    .addHelpText("after", `\nscope chat needs --chat, scope user needs --person. Booleans default to off, --active to on.\n` + examples(
      "omni routes create --instance I --scope chat --chat C --agent A",
      "omni routes create --instance I --scope user --person P --agent A --priority 5 --timeout 60 --stream --inactive",
      "ROUTE=$(omni --json routes create --instance I --scope chat --chat C --agent A | jq -r .id)",
    ))
    .action(action(io, async (ctx, o: RouteOpts) => {
      const body = checkBody(routeCreateSchema, routeBody(o, true), FLAGS);
      const r = await ctx.client().routes.create(body);
      ctx.out.result(r, () => `Created route ${r.id}.\n\n${routeDetails(r)}`);
    }));

  routeOptions(
    routes
      .command("update")
      .description("change a route: only the options given are changed")
      .argument("<id>", "route id")
      .option("--instance <id>", "move to another instance")
      .option("--agent <id>", "another agent"),
    false,
  )
    .addHelpText("after", examples(
      "omni routes update R --priority 20 --label 'night shift'",
      "omni routes update R --no-stream --gate --gate-prompt 'Only answer billing questions'",
      "omni routes update R --scope user --person P --chat \"\"",
      "omni routes update R --inactive",
    ))
    .action(action(io, async (ctx, id: string, o: RouteOpts) => {
      const patch = routeBody(o, false);
      if (Object.keys(patch).length === 0) throw new CliUsageError("Nothing to change: give at least one option (see `omni routes update --help`).");
      const r = await ctx.client().routes.update(id, checkBody(routeUpdateSchema, patch, FLAGS));
      ctx.out.result(r, () => `Updated route ${r.id}.\n\n${routeDetails(r)}`);
    }));

  routes
    .command("delete")
    .description("delete a route (recorded in the audit log)")
    .argument("<id>", "route id")
    .option("-y, --yes", "do not ask for confirmation on a terminal")
    .addHelpText("after", examples("omni routes delete 7d1…-uuid --yes"))
    .action(action(io, async (ctx, id: string, o: { yes?: boolean }) => {
      if (!o.yes && !ctx.out.json && io.stdinIsTTY && !(await confirm(`Delete route ${id}?`))) throw new CliUsageError("Cancelled.", {}, "CANCELLED");
      const r = await ctx.client().routes.delete(id);
      ctx.out.result(r, () => `Deleted route ${r.id}.`);
    }));

  routes
    .command("test")
    .description("which agent would answer this chat / person now, and why")
    .requiredOption("--instance <id>", "instance id")
    .option("--chat <id>", "chat id")
    .option("--person <id>", "person id")
    .addHelpText("after", `\nA chat route beats a user route; within a scope the higher priority wins, then the most\nrecently updated. With no match the instance's default agent answers.\n` + examples(
      "omni routes test --instance I --chat C",
      "omni --json routes test --instance I --chat C --person P | jq -r '.source, .agent.name'",
    ))
    .action(action(io, async (ctx, o: { instance: string; chat?: string; person?: string }) => {
      const body = checkBody(routeTestSchema, defined({ instanceId: o.instance, chatId: o.chat, personId: o.person }), FLAGS);
      const r = await ctx.client().routes.test(body);
      ctx.out.result(r, () => resolutionText(r));
    }));

  routes
    .command("metrics")
    .description("the route resolver's cache: hits, misses, hit rate, size, invalidations, latency")
    .addHelpText("after", examples("omni routes metrics", "omni --json routes metrics | jq '{hitRate, p99Ms}'"))
    .action(action(io, async (ctx) => {
      const m = await ctx.client().routes.metrics();
      ctx.out.result(m, () =>
        details(
          Object.entries(m)
            .filter(([, v]) => v === null || typeof v !== "object")
            .map(([k, v]) => [k, typeof v === "number" && !Number.isInteger(v) ? Number(v.toFixed(3)) : v] as [string, unknown]),
        ),
      );
    }));
}

