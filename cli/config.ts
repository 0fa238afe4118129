// Profiles written by `omni auth login`: one JSON file, mode 0600 in a 0700 folder —
// $OMNI_CONFIG_DIR, else $XDG_CONFIG_HOME/omni, else ~/.config/omni.
//   { "profiles": { "default": { "apiUrl": "...", "apiKey": "omni_sk_...", "savedAt": "..." } } }
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type Profile = { apiUrl: string; apiKey: string; name?: string; savedAt: string };
export type ConfigFile = { profiles: Record<string, Profile> };

export const DEFAULT_PROFILE = "default";

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.OMNI_CONFIG_DIR) return path.resolve(env.OMNI_CONFIG_DIR);
  if (env.XDG_CONFIG_HOME) return path.join(env.XDG_CONFIG_HOME, "omni");
  return path.join(os.homedir(), ".config", "omni");
}

export const configPath = (env: NodeJS.ProcessEnv = process.env) => path.join(configDir(env), "config.json");

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConfigFile {
  const file = configPath(env);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { profiles: {} };
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { profiles: parsed.profiles && typeof parsed.profiles === "object" ? parsed.profiles : {} };
  } catch {
    throw new Error(`The config file ${file} is not valid JSON: fix or delete it.`);
  }
}

/** Is the file readable by others than its owner? (then the CLI warns, like ssh does) */
export function configTooOpen(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return process.platform !== "win32" && (fs.statSync(configPath(env)).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/** Writes atomically (temp file + rename), the file with mode 0600 and its folder 0700. */
export function writeConfig(config: ConfigFile, env: NodeJS.ProcessEnv = process.env): string {
  const dir = configDir(env);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = configPath(env);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
  return file;
}

export function saveProfile(name: string, profile: Profile, env: NodeJS.ProcessEnv = process.env): string {
  const config = readConfig(env);
  config.profiles[name] = profile;
  return writeConfig(config, env);
}

/** Removes a profile; true when there was one. The file goes when no profile is left. */
export function removeProfile(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const config = readConfig(env);
  if (!config.profiles[name]) return false;
  delete config.profiles[name];
  if (Object.keys(config.profiles).length === 0) fs.rmSync(configPath(env), { force: true });
  else writeConfig(config, env);
  return true;
}
