// The `omni` command tree (commander). Global options come before the subcommand.
import { Command, CommanderError, Option } from "commander";
import { intArg } from "./flags";
import type { Io } from "./output";
import { CLI_VERSION } from "./version";

type Register = (cmd: Command, io: Io) => void;

/**
 * The top-level commands. Each one's module (and the schemas it validates with) is loaded only
 * when that command runs or its help is shown, so the CLI starts fast.
 */
const COMMANDS: { name: string; description: string; load: () => Promise<Register> }[] = [
  { name: "routes", description: "agent routes: which agent answers a chat or a person on an instance", load: async () => (await import("./commands/routes")).routeCommands },
  { name: "persons", description: "the people behind identities: search, inspect, edit, merge, link and unlink identities", load: async () => (await import("./commands/persons")).personCommands },
  { name: "keys", description: "API keys for automation: create, list, inspect, change, revoke, roll, delete", load: async () => (await import("./commands/keys")).keyCommands },
  { name: "users", description: "dashboard users: list, inspect, create, change role, disable/enable, reset password, sign out, delete", load: async () => (await import("./commands/users")).userCommands },
  { name: "webhooks", description: "signed event deliveries to your URLs: list, create, update, delete, rotate the secret, test, deliveries, redeliver", load: async () => (await import("./commands/webhooks")).webhookCommands },
  { name: "audit", description: "the audit log: list, inspect, revert merges/links/unlinks, export CSV or NDJSON", load: async () => (await import("./commands/audit")).auditCommands },
  { name: "auth", description: "sign in with an API key, see who you are, sign out, recover admin access", load: async () => (await import("./commands/auth")).authCommands },
  { name: "instances", description: "messaging instances (one account on one channel): list, get, create", load: async () => (await import("./commands/catalog")).instanceCommands },
  { name: "agents", description: "AI agents that answer chats: list, get, create", load: async () => (await import("./commands/catalog")).agentCommands },
  { name: "chats", description: "chats on an instance: list, get, create", load: async () => (await import("./commands/catalog")).chatCommands },
];

const GLOBAL_WITH_VALUE = new Set(["--api-url", "--api-key", "--profile", "--retries"]);

/** The top-level command named in argv (`omni [globals] <command> …`, or `omni help <command>`). */
export function commandName(argv: string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a.startsWith("-")) {
      if (GLOBAL_WITH_VALUE.has(a) && words.length === 0) i++;
      continue;
    }
    words.push(a);
  }
  return words[0] === "help" ? words[1] : words[0];
}

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

export async function buildProgram(
  io: Io,
  hooks: { writeOut: (s: string) => void; writeErr: (s: string) => void; json: boolean },
  argv: string[],
): Promise<Command> {
  const program = new Command("omni")
    .description("Command-line client of Omni Admin: routes, persons, API keys, audit log and sign-in, over the HTTP API.")
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

  const wanted = commandName(argv);
  for (const c of COMMANDS) {
    const cmd = program.command(c.name).description(c.description);
    if (c.name === wanted) (await c.load())(cmd, io);
  }
  return program;
}

export function isCommanderError(e: unknown): e is CommanderError {
  return e instanceof CommanderError;
}
