// Everything the CLI prints goes through here. With --json: exactly one JSON document on stdout
// (the result), errors as one JSON object on stderr ({"error": CODE, "detail": message, …}).
// Without: tables and sentences for people. --verbose diagnostics always go to stderr.
import { isOmniApiError } from "../lib/client/errors";
import { CliFailure, CliUsageError, exitCodeFor, type ExitCode } from "./exit-codes";

export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** interactive terminal on stdin (prompts allowed) */
  stdinIsTTY: boolean;
  readStdin: () => Promise<string>;
};

export type ErrorDocument = {
  error: string;
  detail: string;
  status?: number;
  fields?: Record<string, string[]>;
  requestId?: string;
  /** a merged-away person: the id of the person that exists now */
  mergedInto?: string;
};

export function errorDocument(e: unknown): ErrorDocument {
  if (isOmniApiError(e)) {
    const doc: ErrorDocument = { error: e.code, detail: e.message };
    if (e.status) doc.status = e.status;
    if (Object.keys(e.fields).length) doc.fields = e.fields;
    if (e.requestId) doc.requestId = e.requestId;
    if (typeof e.details.mergedInto === "string") doc.mergedInto = e.details.mergedInto;
    return doc;
  }
  if (e instanceof CliUsageError) {
    const doc: ErrorDocument = { error: e.code, detail: e.message };
    if (Object.keys(e.fields).length) doc.fields = e.fields;
    return doc;
  }
  if (e instanceof CliFailure) return { error: e.code, detail: e.message };
  return { error: "CLI_ERROR", detail: e instanceof Error ? e.message : String(e) };
}

const HINTS: Record<string, string> = {
  UNAUTHENTICATED: "Check the key with `omni auth status`, or sign in again with `omni auth login`.",
  FORBIDDEN: "The key lacks a scope or an instance this needs; `omni auth status` lists what it has.",
  UNREACHABLE: "Is the server running? Pass --api-url or set OMNI_API_URL if it is elsewhere.",
  RATE_LIMITED: "The key's per-minute limit is used up; wait a minute or raise it with `omni keys update --rate-limit`.",
};

export class Output {
  private printed = false;

  constructor(
    readonly json: boolean,
    readonly verbose: boolean,
    private readonly io: Io,
  ) {}

  /** The command's one result: `value` as JSON, or `human()` as text. */
  result(value: unknown, human: () => string): void {
    if (this.printed) throw new Error("A command printed two results.");
    this.printed = true;
    if (this.json) this.io.stdout(JSON.stringify(value, null, 2) + "\n");
    else {
      const text = human();
      if (text) this.io.stdout(text.endsWith("\n") ? text : text + "\n");
    }
  }

  /** Diagnostics (--verbose only), on stderr. */
  log = (line: string): void => {
    if (this.verbose) this.io.stderr(`omni: ${line}\n`);
  };

  /** A warning for people; kept off stderr in --json mode unless --verbose. */
  warn(line: string): void {
    if (!this.json || this.verbose) this.io.stderr(`omni: warning: ${line}\n`);
  }

  /** Prints the error and returns the exit code it maps to. */
  error(e: unknown): ExitCode {
    const code = exitCodeFor(e);
    const doc = errorDocument(e);
    if (this.json) {
      this.io.stderr(JSON.stringify(doc) + "\n");
      return code;
    }
    // the field list follows, so the one-line summary a validation detail carries is dropped here
    const head = doc.fields ? doc.detail.replace(/ — .*$/s, ":") : doc.detail;
    const lines = [`Error: ${head}`];
    for (const [field, messages] of Object.entries(doc.fields ?? {})) lines.push(`  ${field}: ${messages.join(" ")}`);
    if (doc.mergedInto) lines.push(`The person now is ${doc.mergedInto}: omni persons get ${doc.mergedInto}`);
    const hint = HINTS[doc.error];
    if (hint) lines.push(hint);
    if (doc.requestId && code === 3) lines.push(`Request id: ${doc.requestId}`);
    if (this.verbose && e instanceof Error && !(e instanceof CliUsageError) && !isOmniApiError(e) && e.stack) lines.push(e.stack);
    this.io.stderr(lines.join("\n") + "\n");
    return code;
  }
}
