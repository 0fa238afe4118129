#!/usr/bin/env node
// Maintenance helper (run after changing dependencies, before committing package-lock.json).
// The npm registry mirror on these machines does not serve other platforms' prebuilt binaries
// (e.g. @next/swc-darwin-arm64@16.4.6 answers 404), so npm leaves them out of package-lock.json
// and `npm ci` then refuses the lock ("Missing: … from lock file"). This adds those optional
// entries back with their os/cpu, so `npm ci` works here and on every platform.
import fs from "node:fs";

const lockPath = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const pkgs = lock.packages;
const osOf = (n) => (/darwin/.test(n) ? "darwin" : /win32/.test(n) ? "win32" : /freebsd/.test(n) ? "freebsd" : /android/.test(n) ? "android" : /openharmony/.test(n) ? "openharmony" : /wasm32|wasi/.test(n) ? null : "linux");
const cpuOf = (n) => (/arm64|aarch64/.test(n) ? "arm64" : /x64/.test(n) ? "x64" : /ia32/.test(n) ? "ia32" : /arm/.test(n) ? "arm" : /loong64/.test(n) ? "loong64" : /ppc64/.test(n) ? "ppc64" : /riscv64/.test(n) ? "riscv64" : /s390x/.test(n) ? "s390x" : /wasm32/.test(n) ? "wasm32" : null);

let added = 0;
for (const [where, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = where ? `${where}/node_modules/${name}` : `node_modules/${name}`;
    if (pkgs[base] || pkgs[`node_modules/${name}`]) continue;
    const version = String(range).replace(/^[\^~=]/, "");
    const entry = { version, optional: true };
    const os = osOf(name), cpu = cpuOf(name);
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (/musl/.test(name)) entry.libc = ["musl"];
    else if (/gnu/.test(name)) entry.libc = ["glibc"];
    pkgs[`node_modules/${name}`] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} optional platform entries to ${lockPath}`);
