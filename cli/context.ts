// Global options → where to connect, with which key, how to print. Built for each command action.
import type { Command } from "commander";
import { looksLikeApiKey } from "../lib/keys/rules/key-format";
import { OmniClient, DEFAULT_API_URL } from "../lib/client/omni-client";
import { OmniApiError } from "../lib/client/errors";
import { configPath, configTooOpen, DEFAULT_PROFILE, readConfig, type Profile } from "./config";
import { CliUsageError } from "./exit-codes";
import { Output, type Io } from "./output";
import { CLI_VERSION } from "./version";

export type GlobalOptions = {
  json?: boolean;
  verbose?: boolean;
  apiUrl?: string;
  apiKey?: string;
  profile?: string;
  retries?: number;
};

export type KeySource = "--api-key" | "OMNI_API_KEY" | "profile" | "none";

export type Context = {
  opts: GlobalOptions;
  out: Output;
  io: Io;
  profileName: string;
  profile: Profile | undefined;
  apiUrl: string;
  apiKey: string | null;
  keySource: KeySource;
  /** a client for the resolved URL and key; fails with exit 2 when there is no key */
  client: (opts?: { requireKey?: boolean }) => OmniClient;
  /** a client for an explicit URL / key (auth login) */
  clientFor: (apiUrl: string, apiKey: string | null) => OmniClient;
};

export const MALFORMED_KEY = "is not an Omni API key (expected omni_sk_ followed by at least 32 URL-safe characters).";

export function checkApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliUsageError(`--api-url "${raw}" is not a URL (e.g. http://localhost:3000).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CliUsageError(`--api-url must be an http:// or https:// URL.`);
  return raw.replace(/\/+$/, "");
}

export function buildContext(cmd: Command, io: Io): Context {
  const opts = cmd.optsWithGlobals<GlobalOptions>();
  const out = new Output(!!opts.json, !!opts.verbose, io);
  const profileName = opts.profile ?? (io.env.OMNI_PROFILE || DEFAULT_PROFILE);
  if (!/^[\w.-]{1,64}$/.test(profileName)) throw new CliUsageError("--profile takes a name of letters, digits, '.', '_' or '-'.");
  const config = readConfig(io.env);
  const profile = config.profiles[profileName];
  if (profile && configTooOpen(io.env)) out.warn(`${configPath(io.env)} is readable by other users; run chmod 600 on it.`);

  let apiKey: string | null = null;
  let keySource: KeySource = "none";
  if (opts.apiKey !== undefined) {
    if (!looksLikeApiKey(opts.apiKey)) throw new CliUsageError(`--api-key ${MALFORMED_KEY}`);
    [apiKey, keySource] = [opts.apiKey, "--api-key"];
  } else if (io.env.OMNI_API_KEY) {
    if (!looksLikeApiKey(io.env.OMNI_API_KEY.trim())) throw new CliUsageError(`OMNI_API_KEY ${MALFORMED_KEY}`);
    [apiKey, keySource] = [io.env.OMNI_API_KEY.trim(), "OMNI_API_KEY"];
  } else if (profile) {
    [apiKey, keySource] = [profile.apiKey, "profile"];
  }
  const apiUrl = checkApiUrl(opts.apiUrl ?? (io.env.OMNI_API_URL || profile?.apiUrl || DEFAULT_API_URL));

  const clientFor = (url: string, key: string | null) =>
    new OmniClient({
      baseUrl: url,
      apiKey: key,
      retry: opts.retries === undefined ? undefined : { maxAttempts: opts.retries + 1 },
      log: out.log,
      userAgent: `omni-cli/${CLI_VERSION}`,
    });

  return {
    opts,
    out,
    io,
    profileName,
    profile,
    apiUrl,
    apiKey,
    keySource,
    clientFor,
    client: ({ requireKey = true } = {}) => {
      if (requireKey && !apiKey) {
        throw new OmniApiError({
          status: 401,
          code: "UNAUTHENTICATED",
          message: `No API key: set OMNI_API_KEY, pass --api-key, or run \`omni auth login${profileName === DEFAULT_PROFILE ? "" : ` --profile ${profileName}`}\`.`,
        });
      }
      return clientFor(apiUrl, apiKey);
    },
  };
}
