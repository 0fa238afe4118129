// Parsing helpers for option values (pure; unit-tested in tests/unit/cli-flags.test.ts).
import { InvalidArgumentError } from "commander";
import { CliUsageError } from "./exit-codes";

/** "a, b,,c" → ["a", "b", "c"]. */
export function commaList(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}

/**
 * A comma list where `""` means "clear it": `--instances ""` → null (every instance),
 * `--instances a,b` → ["a", "b"], flag absent → undefined (leave as is).
 */
export function clearableList(value: string | undefined): string[] | null | undefined {
  if (value === undefined) return undefined;
  const items = commaList(value);
  return items.length ? items : null;
}

/** commander argParser for whole numbers: "12" → 12; "1.5", "abc", "" → a usage error. */
export function intArg(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError("Must be a whole number.");
  return Number(value);
}

/**
 * A whole number that `""` clears (for PATCH): absent → undefined, "" → null, "30" → 30.
 * (commander turns a parser's null into "", so this runs in the action, not as an argParser.)
 */
export function clearableInt(value: string | undefined, flag: string): number | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "") return null;
  if (!/^-?\d+$/.test(value.trim())) throw new CliUsageError(`${flag} must be a whole number (or "" to clear it).`, { [flag]: ["Must be a whole number."] });
  return Number(value);
}

const DURATION = /^(\d+)\s*(m|min|h|d|w|y)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/**
 * `--expires`: an ISO 8601 date-time, a date (2027-01-31, end of that day UTC), or a duration from
 * now (90d, 12h, 30min, 2w, 1y). `""` clears (null); absent → undefined. Anything else is returned
 * unchanged so that the shared schema names it as the invalid field.
 */
export function expiresValue(value: string | undefined, now: Date = new Date()): string | null | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === "") return null;
  const d = DURATION.exec(v);
  if (d) return new Date(now.getTime() + Number(d[1]) * UNIT_MS[d[2].toLowerCase()]).toISOString();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T23:59:59Z`);
    return Number.isNaN(t) ? v : new Date(t).toISOString();
  }
  return v;
}

/**
 * A negatable boolean pair (`--stream` / `--no-stream`) as commander leaves it: true, false or
 * undefined when neither was given.
 */
export function tristate(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** `--active` / `--inactive`: both at once is a usage error; neither → undefined. */
export function activeFlag(opts: { active?: boolean; inactive?: boolean }): boolean | undefined {
  if (opts.active && opts.inactive) throw new CliUsageError("Use either --active or --inactive, not both.");
  if (opts.active) return true;
  if (opts.inactive) return false;
  return undefined;
}

/**
 * `--metadata '{"k":1}'` → object; `""` → null (clear); absent → undefined. Runs in the action
 * (commander turns a parser's null into ""), so a bad value is a usage error naming the flag.
 */
export function jsonObjectFlag(value: string | undefined, flag: string): Record<string, unknown> | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliUsageError(`${flag} must be a JSON object, e.g. '{"team":"sales"}' (or "" to clear it).`, { [flag]: ["Must be a JSON object."] });
  }
  return parsed as Record<string, unknown>;
}

/** `""` → null (clear the field), otherwise the value; absent → undefined. */
export function clearable(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value.trim() === "" ? null : value;
}

/** Drops undefined members so that a PATCH body holds only what was given. */
export function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type IdentityFlag = { instanceId: string; platformUserId: string; platformUsername?: string };

/** `--identity INSTANCE_ID:PLATFORM_USER_ID[:USERNAME]`, repeatable. */
export function identityArg(value: string, previous: IdentityFlag[] = []): IdentityFlag[] {
  const [instanceId, platformUserId, ...rest] = value.split(":");
  if (!instanceId || !platformUserId) throw new InvalidArgumentError("Expected INSTANCE_ID:PLATFORM_USER_ID[:USERNAME].");
  const platformUsername = rest.join(":") || undefined;
  return [...previous, defined({ instanceId, platformUserId, platformUsername }) as IdentityFlag];
}
