// omni audit list | get | revert | export — the hash-chained audit log (an addition to the
// contract's command list, over GET /audit, GET /audit/:id, POST /audit/:id/revert).
import fs from "node:fs";
import { Option, type Command } from "commander";
import { auditListQuerySchema, auditRevertSchema } from "../../lib/audit/schemas";
import type { AuditEvent, AuditListParams } from "../../lib/client/types";
import { action, examples } from "../action";
import { CliUsageError } from "../exit-codes";
import { defined, expiresValue, intArg } from "../flags";
import { details, pageFooter, table } from "../format";
import type { Io } from "../output";
import { checkBody } from "../validate";

const FLAGS = { action: "--action", actorId: "--actor", targetId: "--target", personId: "--person", from: "--from", to: "--to", limit: "--limit", cursor: "--cursor", reason: "--reason" };

type FilterOpts = { action?: string; actor?: string; target?: string; person?: string; from?: string; to?: string };

function filterOptions(cmd: Command): Command {
  return cmd
    .option("--action <action>", "e.g. person.merge, or person for every person.* action")
    .option("--actor <id>", "who acted (user or API key id)")
    .option("--target <id>", "what was acted on (also matches events naming it as a subject)")
    .option("--person <id>", "everything that concerned this person")
    .option("--from <when>", "not before (ISO date-time or date)")
    .option("--to <when>", "not after (ISO date-time or date)");
}

/** A plain date means its start (--from) or its end (--to), UTC. */
function when(v: string | undefined, end: boolean): string | undefined {
  if (v === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return `${v.trim()}T${end ? "23:59:59.999" : "00:00:00.000"}Z`;
  return expiresValue(v) ?? undefined;
}

function filters(o: FilterOpts): Omit<AuditListParams, "limit" | "cursor"> {
  return defined({ action: o.action, actorId: o.actor, targetId: o.target, personId: o.person, from: when(o.from, false), to: when(o.to, true) });
}

const auditTable = (events: AuditEvent[]) =>
  table(events, [
    { header: "ID", value: (e) => e.id },
    { header: "AT", value: (e) => e.at },
    { header: "ACTOR", value: (e) => `${e.actor.type}:${e.actor.label ?? e.actor.id ?? "?"}`, max: 30 },
    { header: "ACTION", value: (e) => e.action },
    { header: "TARGET", value: (e) => `${e.targetType} ${e.targetId ?? ""}`, max: 50 },
    { header: "REASON", value: (e) => e.reason, max: 40 },
  ], "No audit events.");

export function auditCommands(audit: Command, io: Io) {
  audit.addHelpText("after", examples(
    "omni audit list --action person.merge --from 2026-11-01",
    "omni audit get 1d9…-uuid",
    "omni audit revert 1d9…-uuid --reason 'merged by mistake'",
    "omni audit export --format csv --from 2026-11-01 --output audit.csv",
  ));

  filterOptions(audit.command("list").description("list audit events, newest first (without before/after snapshots)"))
    .option("--limit <n>", "page size, 1..200", intArg)
    .option("--cursor <cursor>", "continue after a previous page")
    .option("--all", "follow every page")
    .addHelpText("after", examples("omni audit list --person 5e2…-uuid", "omni --json audit list --action key --all | jq -r '.items[] | [.at, .action, .actor.label] | @tsv'"))
    .action(action(io, async (ctx, o: FilterOpts & { limit?: number; cursor?: string; all?: boolean }) => {
      const params = { ...filters(o), ...defined({ limit: o.limit, cursor: o.cursor }) };
      checkBody(auditListQuerySchema, params, FLAGS);
      const client = ctx.client();
      const page = o.all ? { items: await client.all(client.audit.list, params), nextCursor: null } : await client.audit.list(params);
      ctx.out.result(page, () => auditTable(page.items) + pageFooter(page.nextCursor, page.items.length));
    }));

  audit
    .command("get")
    .description("one event with its before / after snapshots and hash chain")
    .argument("<id>", "audit event id")
    .addHelpText("after", examples("omni audit get 1d9…-uuid", "omni --json audit get 1d9…-uuid | jq .before"))
    .action(action(io, async (ctx, id: string) => {
      const e = await ctx.client().audit.get(id);
      ctx.out.result(e, () =>
        details([
          ["ID", `${e.id} (#${e.seq})`],
          ["At", e.at],
          ["Actor", `${e.actor.type} ${e.actor.label ?? ""} ${e.actor.id ? `(${e.actor.id})` : ""}`.trim()],
          ["Action", e.action],
          ["Target", `${e.targetType} ${e.targetId ?? ""}`],
          ["Reason", e.reason],
          ["Request", [e.requestId, e.ip, e.userAgent].filter(Boolean).join(" · ") || null],
          ["Revertible", e.revertible ? "yes (omni audit revert)" : e.revertedBy ? `reverted by ${e.revertedBy.id}` : "no"],
          ["Hash", e.hash],
          ["Previous", e.prevHash],
        ]) + `\n\nBefore:\n${JSON.stringify(e.before, null, 2)}\n\nAfter:\n${JSON.stringify(e.after, null, 2)}`,
      );
    }));

  audit
    .command("revert")
    .description("undo a merge, link or unlink recorded by this event (409 if something since conflicts)")
    .argument("<id>", "audit event id")
    .option("--reason <text>", "why (kept in the audit log)")
    .addHelpText("after", examples("omni audit revert 1d9…-uuid --reason 'wrong person'"))
    .action(action(io, async (ctx, id: string, o: { reason?: string }) => {
      const r = await ctx.client().audit.revert(id, checkBody(auditRevertSchema, defined({ reason: o.reason }), FLAGS));
      ctx.out.result(r, () => `Reverted ${r.action} (${r.revertedEventId}); persons ${r.persons.join(", ")}. Audit event ${r.auditEventId}.`);
    }));

  filterOptions(audit.command("export").description("the whole filtered log as CSV or NDJSON (to stdout or --output)"))
    .addOption(new Option("--format <format>", "csv or ndjson").choices(["csv", "ndjson"]).default("csv"))
    .option("--output <file>", "write to this file instead of stdout (needed with --json)")
    .addHelpText("after", `\nWith --json, the export goes to --output and stdout gets {"file", "format", "bytes", "lines"}.\n` + examples(
      "omni audit export --format ndjson > audit.ndjson",
      "omni --json audit export --format csv --action person --output merges.csv | jq .lines",
    ))
    .action(action(io, async (ctx, o: FilterOpts & { format: "csv" | "ndjson"; output?: string }) => {
      if (ctx.out.json && !o.output) throw new CliUsageError("With --json, give --output FILE: stdout carries one JSON document, not the export.");
      const params = filters(o);
      checkBody(auditListQuerySchema, params, FLAGS);
      const text = await ctx.client().audit.export(o.format, params);
      const lines = text ? text.replace(/\n$/, "").split("\n").length : 0;
      if (o.output) {
        fs.writeFileSync(o.output, text);
        ctx.out.result({ file: o.output, format: o.format, bytes: Buffer.byteLength(text), lines }, () => `Wrote ${lines} line(s) of ${o.format} to ${o.output}.`);
      } else ctx.out.result(null, () => text);
    }));
}
