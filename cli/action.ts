// Wraps a command's handler: builds the context from the global options, then runs it.
import type { Command } from "commander";
import { buildContext, type Context } from "./context";
import type { Io } from "./output";

export function action<A extends unknown[]>(io: Io, fn: (ctx: Context, ...args: A) => Promise<void>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    await fn(buildContext(cmd, io), ...(args.slice(0, -1) as A));
  };
}

/** "Examples:" help section. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}
