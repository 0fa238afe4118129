// NUL (U+0000) is never meaningful in this product's text and PostgreSQL cannot store it in text
// or jsonb, so input carrying one is refused up front — the same on both databases — by the API
// body parser and the server-action wrapper. Pure: walks a parsed JSON value.

const MESSAGE = "Must not contain NUL (\\u0000) characters.";

type Node = { v: unknown; key: string | null; parent: Node | null };

const pathOf = (n: Node, lastKey?: string): string => {
  const keys: string[] = lastKey === undefined ? [] : [lastKey];
  for (let at: Node | null = n; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.length ? keys.reverse().join(".") : "_";
};

/** Fields (dotted paths, "_" for the root) whose key or string value holds a NUL; null when none.
 *  Iterative, with parent links instead of copied paths: any nesting depth is walked in linear
 *  time without growing the call stack. */
export function nulCharacterFields(value: unknown): Record<string, string[]> | null {
  const fields: Record<string, string[]> = {};
  const stack: Node[] = [{ v: value, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.v;
    if (typeof v === "string") {
      if (v.includes("\u0000")) fields[pathOf(node)] = [MESSAGE];
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: String(i), parent: node });
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v).reverse()) {
        if (k.includes("\u0000")) fields[pathOf(node, k.replace(/\u0000/g, "\\u0000"))] = [MESSAGE];
        else stack.push({ v: x, key: k, parent: node });
      }
    }
  }
  return Object.keys(fields).length ? fields : null;
}
