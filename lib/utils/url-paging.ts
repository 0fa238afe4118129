// The paging parameters of a list held in the address (see components/ui/use-url-list.ts): read by
// the server pages that render the page the address names.

/** The page number (1-based) and size a list's address asks for; bad values read as the defaults. */
export function urlPaging(sp: Record<string, string | string[] | undefined>, sizes: readonly number[] = [10, 25, 50, 100], fallback = 25) {
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const size = sizes.includes(Number(one("size"))) ? Number(one("size")) : fallback;
  const cursor = one("cursor") || undefined;
  const page = cursor ? Math.max(2, Math.floor(Number(one("page")) || 2)) : 1;
  return { size, cursor, page };
}
