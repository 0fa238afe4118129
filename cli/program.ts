// The `omni` command tree (commander). Global options come before the subcommand.
import { Command, CommanderError, Option } from "commander";
import { authCommands } from "./commands/auth";
import { keyCommands } from "./commands/keys";
import { catalogCommands } from "./commands/catalog";
import { routeCommands } from "./commands/routes";
import { personCommands } from "./commands/persons";
import { intArg } from "./flags";
import type { Io } from "./output";
import { CLI_VERSION } from "./version";

const MAIN_HELP = `
Credentials: --api-key, else OMNI_API_KEY, else the profile saved by \`omni auth login\`
(--profile NAME or OMNI_PROFILE; default "default"). Server: --api-url, else OMNI_API_URL,
else the profile's, else http://localhost:3000. Profiles live in $OMNI_CONFIG_DIR/config.json
(default ~/.config/omni/config.json, mode 0600).

Output: tables for people; with --json (before the subcommand) stdout is exactly one JSON
document — the resource, or { "items": [...], "nextCursor": ... } for lists — and errors go to
stderr as {"error": "CODE", "detail": "message"}. --verbose logs each request to stderr.

Retries: 5xx and network errors with exponential backoff (0.5 s doubling, jitter, 8 s cap),
429 after the server's Retry-After (at most 60 s); 4 attempts in all unless --retries says.

Exit codes: 0 ok · 1 usage or validation · 2 authentication/permission (401/403) ·
3 server error or unreachable after retries · 4 rate limited after retries · 5 not found

Examples:
  $ omni auth login --api-url http://localhost:3000
  $ omni routes list --instance 0b6…-uuid --active
  $ omni --json routes create --instance I --scope chat --chat C --agent A | jq -r .id
  $ omni persons search "ana" --limit 5
  $ omni keys create --name ci --scopes routes:* --expires 90d
`;

export function buildProgram(io: Io, hooks: { writeOut: (s: string) => void; writeErr: (s: string) => void; json: boolean }): Command {
  const program = new Command("omni")
    .description("Command-line client of Omni Admin: routes, persons, API keys and sign-in, over the HTTP API.")
    .version(CLI_VERSION, "-V, --version", "print the version")
    .option("--json", "machine output: one JSON document on stdout, JSON errors on stderr")
    .option("-v, --verbose", "log requests, retries and timings to stderr")
    .option("--api-url <url>", "server URL (default: OMNI_API_URL, the profile's, or http://localhost:3000)")
    .option("--api-key <key>", "API key (default: OMNI_API_KEY, else the profile's)")
    .option("--profile <name>", "saved profile to use (default: OMNI_PROFILE or \"default\")")
    .addOption(new Option("--retries <n>", "retries after a 5xx, 429 or network error (default 3; 0 = none)").argParser(intArg))
    .helpOption("-h, --help", "show help")
    .helpCommand("help [command]", "show help for a command")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: hooks.writeOut,
      writeErr: hooks.writeErr,
      // in --json mode the error is printed once, as JSON, by main
      outputError: (str, write) => {
        if (!hooks.json) write(str);
      },
    })
    .addHelpText("after", MAIN_HELP);

  routeCommands(program, io);
  personCommands(program, io);
  keyCommands(program, io);
  authCommands(program, io);
  catalogCommands(program, io);
  return program;
}

export function isCommanderError(e: unknown): e is CommanderError {
  return e instanceof CommanderError;
}
