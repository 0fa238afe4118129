// omni auth login | status | logout | recover
import type { Command } from "commander";
import { looksLikeApiKey, keyDisplayPrefix } from "../../lib/keys/rules/key-format";
import { action, examples } from "../action";
import { configPath, removeProfile, saveProfile } from "../config";
import { MALFORMED_KEY } from "../context";
import { CliUsageError } from "../exit-codes";
import { details } from "../format";
import type { Io } from "../output";
import { readHiddenLine } from "../prompt";

export function authCommands(auth: Command, io: Io) {
  auth
    .addHelpText("after", examples(
      "omni auth login --api-url https://omni.example.com          # prompts for the key",
      "echo \"$KEY\" | omni --profile staging auth login --api-url https://staging.example.com",
      "omni auth status",
      "omni auth logout --profile staging",
      "omni auth recover                                            # on the server host",
    ));

  auth
    .command("login")
    .description("check an API key against the server and save it (with the API URL) in a profile")
    .addHelpText("after", `\nThe key comes from --api-key, else OMNI_API_KEY, else stdin (or a hidden prompt on a terminal);
the server from --api-url (default http://localhost:3000); the profile from --profile (default
"default"). The profile is written to ${configPath()} (mode 0600);\nset OMNI_CONFIG_DIR to keep it elsewhere.\n` + examples(
      "omni auth login --api-url http://localhost:3000",
      "omni --profile prod auth login --api-url https://omni.example.com --api-key omni_sk_…",
      "npm run --silent admin -- create-key --name me --scopes '*' --json | jq -r .key | omni auth login",
    ))
    .action(action(io, async (ctx) => {
      let key = ctx.keySource === "--api-key" || ctx.keySource === "OMNI_API_KEY" ? ctx.apiKey : null;
      if (!key) {
        if (io.stdinIsTTY) key = await readHiddenLine("Omni API key (omni_sk_…): ");
        else key = (await io.readStdin()).trim();
      }
      if (!key) throw new CliUsageError("No API key given: pass --api-key, set OMNI_API_KEY, or type it at the prompt.");
      if (!looksLikeApiKey(key)) throw new CliUsageError(`The key ${MALFORMED_KEY}`);
      const who = await ctx.clientFor(ctx.apiUrl, key).auth.status();
      const file = saveProfile(ctx.profileName, { apiUrl: ctx.apiUrl, apiKey: key, name: who.name, savedAt: new Date().toISOString() }, io.env);
      ctx.out.result(
        { profile: ctx.profileName, apiUrl: ctx.apiUrl, configFile: file, keyPrefix: keyDisplayPrefix(key), principal: who },
        () => `Signed in to ${ctx.apiUrl} as "${who.name}" (${who.scopes.join(", ")}).\nSaved as profile "${ctx.profileName}" in ${file}.`,
      );
    }));

  auth
    .command("status")
    .description("show the server, the key in use and what it may do")
    .addHelpText("after", examples("omni auth status", "omni --json auth status | jq -r .principal.scopes[]", "OMNI_API_KEY=omni_sk_… omni auth status"))
    .action(action(io, async (ctx) => {
      const client = ctx.client();
      const who = await client.auth.status();
      const server = await client.info().catch(() => null);
      ctx.out.result(
        { profile: ctx.keySource === "profile" ? ctx.profileName : null, apiUrl: ctx.apiUrl, keySource: ctx.keySource, keyPrefix: keyDisplayPrefix(ctx.apiKey!), principal: who, server },
        () => details([
          ["Server", `${ctx.apiUrl}${server ? ` (${server.name} ${server.version}, ${server.database})` : ""}`],
          ["Credentials", ctx.keySource === "profile" ? `profile "${ctx.profileName}" (${configPath(io.env)})` : ctx.keySource],
          ["Key", `${keyDisplayPrefix(ctx.apiKey!)}…`],
          ["Signed in as", `${who.name} (${who.type} ${who.id})`],
          ["Scopes", who.scopes],
          ["Instances", who.instanceIds ?? "all"],
        ]),
      );
    }));

  auth
    .command("logout")
    .description("forget a profile's key (the key itself stays valid: revoke it with `omni keys revoke`)")
    .addHelpText("after", examples("omni auth logout", "omni --profile staging auth logout"))
    .action(action(io, async (ctx) => {
      const removed = removeProfile(ctx.profileName, io.env);
      ctx.out.result(
        { profile: ctx.profileName, removed, configFile: configPath(io.env) },
        () => (removed ? `Signed out: profile "${ctx.profileName}" removed.` : `No profile "${ctx.profileName}": nothing to do.`),
      );
    }));

  auth
    .command("recover")
    .description("on the server host: issue an admin API key straight from the database (DATABASE_URL)")
    .option("--rotate", "issue a new recovery key and revoke the previous one(s)")
    .option("--save", "also save the new key in the profile (like auth login)")
    .addHelpText("after", `
Runs without the HTTP API: it opens the database named by DATABASE_URL (default
file:./data/omni.db, relative to the current folder — run it in the app's folder) and creates
a key with the "*" scope, recorded in the audit log. Raw keys are never stored, so a recovery
key is shown once: when one already exists, --rotate revokes it and issues a new one.
` + examples(
      "cd /srv/omni-admin && omni auth recover",
      "DATABASE_URL=file:/var/lib/omni/omni.db omni auth recover --rotate --save",
      "omni --json auth recover --rotate | jq -r .key",
    ))
    .action(action(io, async (ctx, opts: { rotate?: boolean; save?: boolean }) => {
      const { recoverAdminKey } = await import("../recover");
      const r = await recoverAdminKey({ rotate: !!opts.rotate, env: io.env, log: ctx.out.log });
      let savedTo: string | null = null;
      if (opts.save) {
        savedTo = saveProfile(ctx.profileName, { apiUrl: ctx.apiUrl, apiKey: r.key, name: r.name, savedAt: new Date().toISOString() }, io.env);
      }
      ctx.out.result({ ...r, savedTo: savedTo ? { profile: ctx.profileName, configFile: savedTo } : null }, () =>
        [
          `Recovery admin key "${r.name}" (${r.id}), scope *:`,
          "",
          `  ${r.key}`,
          "",
          "Store it now: it is not shown again.",
          ...(r.revokedKeyIds.length ? [`Revoked the previous recovery key(s): ${r.revokedKeyIds.join(", ")}.`] : []),
          ...(savedTo ? [`Saved as profile "${ctx.profileName}" in ${savedTo}.`] : []),
        ].join("\n"),
      );
    }));
}
