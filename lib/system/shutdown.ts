// Work to finish before the process exits on SIGTERM / SIGINT (buffered key usage, …). Hooks live
// on globalThis, so the serving script and the app's bundled modules (separate module copies in
// one process) share one list.
import "server-only";

type Hook = () => Promise<unknown>;
const g = globalThis as unknown as { omniShutdownHooks?: Map<string, Hook>; omniShutdownInstalled?: boolean };
const hooks = (g.omniShutdownHooks ??= new Map());

/** Registers `fn` under `name` (a second registration of a name replaces the first). */
export function onShutdown(name: string, fn: Hook): void {
  hooks.set(name, fn);
}

/** Runs every hook (concurrently), waiting at most `timeoutMs`; errors are swallowed. Resolves with the hook count. */
export async function runShutdownHooks(timeoutMs = 5000): Promise<number> {
  const all = Promise.allSettled([...hooks.values()].map((fn) => fn()));
  await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  return hooks.size;
}

/**
 * On the first SIGTERM or SIGINT: runs `before` (e.g. stop accepting connections), then the
 * hooks, then exits with 0. For the serving processes (scripts/lib/http-server.ts).
 */
export function exitGracefullyOnSignals(before?: () => Promise<unknown> | void): void {
  if (g.omniShutdownInstalled) return;
  g.omniShutdownInstalled = true;
  let exiting = false;
  const handler = () => {
    if (exiting) return;
    exiting = true;
    void (async () => {
      try {
        await before?.();
      } catch {
        // closing failed: the hooks still run
      }
      await runShutdownHooks();
      process.exit(0);
    })();
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
}
