// Node module-resolution hooks registered by server-only-noop.mjs (runs on Node's loader thread).

/** `server-only` → its `empty.js` (the package exports only `.`; the file sits beside index.js). */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (specifier !== "server-only") return resolved;
  return { ...resolved, url: new URL("./empty.js", resolved.url).href };
}
