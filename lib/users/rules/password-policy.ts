// Password policy (pure): 12–128 characters and a zxcvbn-ts strength score of at least 3 of 4
// ("safely unguessable: moderate protection from offline slow-hash attacks").
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
const estimator = () => (factory ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

// zxcvbn-ts reports translation keys; these are the English sentences for the ones it gives.
const WARNINGS: Record<string, string> = {
  straightRow: "it is a row of keys on the keyboard",
  keyPattern: "it is a short keyboard pattern",
  simpleRepeat: "it repeats characters (like \"aaa\")",
  extendedRepeat: "it repeats a group of characters (like \"abcabc\")",
  sequences: "it is a common sequence (like \"abc\" or \"123\")",
  recentYears: "it contains a recent year",
  dates: "it contains a date",
  topTen: "it is one of the most used passwords",
  topHundred: "it is a very commonly used password",
  common: "it is a commonly used password",
  similarToCommon: "it is close to a commonly used password",
  wordByItself: "it is a single word",
  namesByThemselves: "it is a name",
  commonNames: "it is a common name",
  userInputs: "it contains your email address or name",
};

/**
 * What is wrong with a password, as sentences for the person choosing it ([] when it is fine).
 * `userInputs` (email, name) count as guessable words.
 */
export function passwordProblems(password: string, userInputs: readonly (string | null | undefined)[] = []): string[] {
  if (password.length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters.`];
  if (password.length > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters.`];
  const inputs = userInputs.flatMap((s) => (s ? [s, ...s.split(/[@.\s_-]+/).filter((w) => w.length >= 3)] : []));
  const result: ZxcvbnResult = estimator().check(password, inputs);
  if (result.score >= PASSWORD_MIN_SCORE) return [];
  const why = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return [`Too easy to guess${why ? `: ${why}` : ""}. Use a longer passphrase of unrelated words, or a password manager.`];
}
