// One voice for validation messages: zod's global error map (z.config customError), installed when
// any schema module loads (lib/schemas/common.ts imports this), on the server, in the browser forms
// and in the CLI alike. A message given on a schema itself still wins; this words the rest
// ("At most 100 characters.", "Must be a whole number.") instead of zod's defaults
// ("Too big: expected string to have <=100 characters", "Invalid input: expected int, received number").
import { count, noun } from "../format/count";
import { z } from "zod";

type Issue = z.core.$ZodRawIssue;

const plural = (n: number | bigint, one: string, many: string) => count(Number(n), one, many);

const TYPE_WORDS: Record<string, string> = {
  int: "Must be a whole number.",
  number: "Must be a number.",
  bigint: "Must be a whole number.",
  string: "Must be text.",
  boolean: "Must be true or false.",
  array: "Must be a list.",
  object: "Must be an object.",
  date: "Must be a date.",
  null: "Must be empty.",
};

const FORMAT_WORDS: Record<string, string> = {
  email: "Must be an email address.",
  url: "Must be a URL.",
  uuid: "Must be a UUID.",
  datetime: "Must be an ISO 8601 date-time.",
  date: "Must be a date (YYYY-MM-DD).",
  regex: "Has the wrong format.",
};

function sizeMessage(iss: Issue & { origin?: string }, bound: number | bigint, inclusive: boolean, big: boolean): string {
  const side = big ? (inclusive ? "At most" : "Less than") : inclusive ? "At least" : "More than";
  switch (iss.origin) {
    case "string":
      if (!big && inclusive && Number(bound) === 1) return "Required.";
      return `${side} ${plural(bound, "character", "characters")}.`;
    case "array":
    case "set":
      return `${side} ${plural(bound, "item", "items")}.`;
    case "date":
      return `${big ? "On or before" : "On or after"} ${new Date(Number(bound)).toISOString()}.`;
    default:
      return `${side} ${bound}.`;
  }
}

/**
 * The plain-language message for a zod issue, or undefined to keep zod's own (per-schema messages
 * never reach here). Exported for its unit test.
 */
export function plainMessage(iss: Issue): string | undefined {
  switch (iss.code) {
    case "invalid_type": {
      if (iss.input === undefined) return "Required.";
      if (iss.expected === "number" && typeof iss.input === "number" && Number.isNaN(iss.input)) return "Must be a number.";
      return TYPE_WORDS[iss.expected] ?? `Must be ${iss.expected}.`;
    }
    case "too_big":
      return sizeMessage(iss, iss.maximum, iss.inclusive ?? true, true);
    case "too_small":
      return sizeMessage(iss, iss.minimum, iss.inclusive ?? true, false);
    case "invalid_format":
      return FORMAT_WORDS[iss.format] ?? `Must be a valid ${iss.format}.`;
    case "invalid_value":
      return iss.values.length === 1
        ? `Must be ${JSON.stringify(iss.values[0])}.`
        : `Must be one of: ${iss.values.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "unrecognized_keys":
      return `Unknown ${noun(iss.keys.length, "field")}: ${iss.keys.join(", ")}.`;
    case "not_multiple_of":
      return `Must be a multiple of ${iss.divisor}.`;
    case "invalid_union":
      return "Not a valid value.";
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });
