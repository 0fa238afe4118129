// omni instances | agents | chats — the few calls a script needs to set up routes (an addition to
// the contract's command list: list, get, create).
import { Option, type Command } from "commander";
import { agentCreateSchema, CHANNELS, CHAT_TYPES, chatCreateSchema, instanceCreateSchema } from "../../lib/catalog/schemas";
import type { OmniClient } from "../../lib/client/omni-client";
import type { Page } from "../../lib/client/types";
import { action, examples } from "../action";
import type { Context } from "../context";
import { defined, intArg } from "../flags";
import { details, pageFooter, table, type Column } from "../format";
import type { Io } from "../output";
import { checkBody } from "../validate";

type ListOpts = { limit?: number; cursor?: string; all?: boolean };

function listOptions(cmd: Command) {
  return cmd
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page");
}

async function listPage<R, P extends { limit?: number; cursor?: string }>(client: OmniClient, fn: (p: P) => Promise<Page<R>>, params: P, all?: boolean): Promise<Page<R>> {
  return all ? { items: await client.all(fn, params), nextCursor: null } : fn(params);
}

function printList<R>(ctx: Context, page: Page<R>, columns: Column<R>[], empty: string) {
  ctx.out.result(page, () => table(page.items, columns, empty) + pageFooter(page.nextCursor, page.items.length));
}

export function instanceCommands(instances: Command, io: Io) {
  instances
    .addHelpText("after", examples("omni instances list", "omni --json instances create --name support-wa --channel whatsapp | jq -r .id"));
  listOptions(instances.command("list").description("list instances, newest first"))
    .addHelpText("after", examples("omni instances list", "omni --json instances list --all | jq -r '.items[] | [.id, .name] | @tsv'"))
    .action(action(io, async (ctx, o: ListOpts) => {
    const client = ctx.client();
    const page = await listPage(client, client.instances.list, { limit: o.limit, cursor: o.cursor }, o.all);
    printList(ctx, page, [
      { header: "ID", value: (i) => i.id },
      { header: "NAME", value: (i) => i.name },
      { header: "CHANNEL", value: (i) => i.channel },
      { header: "DEFAULT AGENT", value: (i) => i.defaultAgent?.name ?? null },
    ], "No instances.");
  }));
  instances.command("get").description("show one instance and its default agent").argument("<id>", "instance id")
    .addHelpText("after", examples("omni instances get 0b6…-uuid"))
    .action(action(io, async (ctx, id: string) => {
    const i = await ctx.client().instances.get(id);
    ctx.out.result(i, () => details([["ID", i.id], ["Name", i.name], ["Channel", i.channel], ["Default agent", i.defaultAgent ? `${i.defaultAgent.name} (${i.defaultAgent.id})` : null], ["Created", i.createdAt]]));
  }));
  instances
    .command("create")
    .description("create an instance (one account on one channel)")
    .requiredOption("--name <name>", "unique name")
    .addOption(new Option("--channel <channel>", "the channel").choices(CHANNELS).makeOptionMandatory())
    .option("--default-agent <id>", "agent answering when no route matches")
    .addHelpText("after", examples("omni instances create --name support-wa --channel whatsapp", "omni --json instances create --name tg --channel telegram --default-agent A | jq -r .id"))
    .action(action(io, async (ctx, o: { name: string; channel: string; defaultAgent?: string }) => {
      const body = checkBody(instanceCreateSchema, defined({ name: o.name, channel: o.channel, defaultAgentId: o.defaultAgent }), { defaultAgentId: "--default-agent", name: "--name", channel: "--channel" });
      const i = await ctx.client().instances.create(body);
      ctx.out.result(i, () => `Created instance "${i.name}" (${i.id}).`);
    }));

}

export function agentCommands(agents: Command, io: Io) {
  agents
    .addHelpText("after", examples("omni agents list", "omni --json agents create --name triage --provider openai --model gpt-4o | jq -r .id"));
  listOptions(agents.command("list").description("list agents, newest first"))
    .addHelpText("after", examples("omni agents list", "omni --json agents list --all | jq -r '.items[].name'"))
    .action(action(io, async (ctx, o: ListOpts) => {
    const client = ctx.client();
    const page = await listPage(client, client.agents.list, { limit: o.limit, cursor: o.cursor }, o.all);
    printList(ctx, page, [
      { header: "ID", value: (a) => a.id },
      { header: "NAME", value: (a) => a.name },
      { header: "PROVIDER", value: (a) => a.provider },
      { header: "MODEL", value: (a) => a.model },
    ], "No agents.");
  }));
  agents.command("get").description("show one agent: provider, model, description").argument("<id>", "agent id")
    .addHelpText("after", examples("omni agents get 9a1…-uuid"))
    .action(action(io, async (ctx, id: string) => {
    const a = await ctx.client().agents.get(id);
    ctx.out.result(a, () => details([["ID", a.id], ["Name", a.name], ["Provider", a.provider], ["Model", a.model], ["Description", a.description]]));
  }));
  agents
    .command("create")
    .description("create an agent that routes can point at")
    .requiredOption("--name <name>", "name")
    .requiredOption("--provider <provider>", "e.g. openai, anthropic, custom")
    .option("--model <model>", "model name")
    .option("--description <text>", "what it does")
    .addHelpText("after", examples("omni agents create --name triage --provider openai --model gpt-4o-mini --description 'first line support'"))
    .action(action(io, async (ctx, o: { name: string; provider: string; model?: string; description?: string }) => {
      const body = checkBody(agentCreateSchema, defined({ name: o.name, provider: o.provider, model: o.model, description: o.description }), { name: "--name", provider: "--provider", model: "--model", description: "--description" });
      const a = await ctx.client().agents.create(body);
      ctx.out.result(a, () => `Created agent "${a.name}" (${a.id}).`);
    }));

}

export function chatCommands(chats: Command, io: Io) {
  chats
    .addHelpText("after", examples("omni chats list --instance 0b6…-uuid --q support", "omni --json chats create --instance I --external-id 5511999990000@c.us --title 'Ana' | jq -r .id"));
  listOptions(
    chats.command("list").description("list chats, filtered by instance or text").option("--instance <id>", "only this instance's chats").option("--q <text>", "search title / external id"),
  )
    .addHelpText("after", examples("omni chats list --instance 0b6…-uuid", "omni --json chats list --q support | jq -r '.items[].id'"))
    .action(action(io, async (ctx, o: ListOpts & { instance?: string; q?: string }) => {
    const client = ctx.client();
    const page = await listPage(client, client.chats.list, { limit: o.limit, cursor: o.cursor, instance: o.instance, q: o.q }, o.all);
    printList(ctx, page, [
      { header: "ID", value: (c) => c.id },
      { header: "INSTANCE", value: (c) => c.instanceId },
      { header: "EXTERNAL ID", value: (c) => c.externalId },
      { header: "TITLE", value: (c) => c.title },
      { header: "TYPE", value: (c) => c.type },
    ], "No chats.");
  }));
  chats.command("get").description("show one chat: instance, external id, title, type").argument("<id>", "chat id")
    .addHelpText("after", examples("omni chats get 4c7…-uuid"))
    .action(action(io, async (ctx, id: string) => {
    const c = await ctx.client().chats.get(id);
    ctx.out.result(c, () => details([["ID", c.id], ["Instance", c.instanceId], ["External ID", c.externalId], ["Title", c.title], ["Type", c.type]]));
  }));
  chats
    .command("create")
    .description("create a chat on an instance")
    .requiredOption("--instance <id>", "instance id")
    .requiredOption("--external-id <id>", "the platform's chat id")
    .option("--title <title>", "title")
    .addOption(new Option("--type <type>", "chat type").choices(CHAT_TYPES).default("dm"))
    .addHelpText("after", examples("omni chats create --instance 0b6…-uuid --external-id 5511999990000@c.us --title 'Ana Lima'"))
    .action(action(io, async (ctx, o: { instance: string; externalId: string; title?: string; type: string }) => {
      const body = checkBody(chatCreateSchema, defined({ instanceId: o.instance, externalId: o.externalId, title: o.title, type: o.type }), { instanceId: "--instance", externalId: "--external-id", title: "--title", type: "--type" });
      const c = await ctx.client().chats.create(body);
      ctx.out.result(c, () => `Created chat "${c.title ?? c.externalId}" (${c.id}).`);
    }));
}
