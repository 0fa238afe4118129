// Entry of the `omni` bin (loaded by bin/omni.mjs): parse, run, print, exit with the contract's code.
import { CommanderError } from "commander";
import { CliUsageError, EXIT } from "./exit-codes";
import { Output, type Io } from "./output";
import { buildProgram } from "./program";
import { readAllStdin } from "./prompt";

/** Is --json among the global options (before `--`)? Known before commander has parsed. */
export function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

export async function run(argv: string[], io: Io): Promise<number> {
  const json = wantsJson(argv);
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  let helpText = "";
  // in --json mode commander's own text is held back: stdout/stderr carry JSON only
  const program = await buildProgram(io, {
    json,
    writeOut: (s) => {
      if (json) helpText += s;
      else io.stdout(s);
    },
    writeErr: (s) => {
      if (!json) io.stderr(s);
    },
  }, argv);
  const out = new Output(json, verbose, io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) {
        // --help / --version: in --json mode, still one JSON document
        if (json) io.stdout(JSON.stringify(e.code === "commander.version" ? { version: helpText.trim() } : { help: helpText }) + "\n");
        return EXIT.OK;
      }
      // commander has printed its message (and help) to stderr, except in --json mode
      if (!json) return EXIT.USAGE;
      const detail = e.code === "commander.help" ? "A subcommand is needed: see `omni --help`." : e.message.replace(/^error: /, "");
      return out.error(new CliUsageError(detail));
    }
    return out.error(e);
  }
}

export function processIo(): Io {
  return {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    env: process.env,
    stdinIsTTY: !!process.stdin.isTTY,
    readStdin: readAllStdin,
  };
}
