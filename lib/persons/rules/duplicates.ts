// Possible duplicate persons (pure): pairs that share a phone, an email, or a near-identical
// name while being seen on different channels, each with the evidence that suggests it.
export type DuplicateCandidate = {
  id: string;
  displayName: string | null;
  primaryPhone: string | null;
  primaryEmail: string | null;
  channels: string[];
};

export type Evidence =
  | { kind: "phone"; value: string }
  | { kind: "email"; value: string }
  | { kind: "name"; a: string; b: string; distance: number };

export type DuplicatePair = { aId: string; bId: string; score: number; evidence: Evidence[] };

/** "  José  da Silva " → "da jose silva": no accents, case, punctuation or word order. */
export function normalizeName(name: string | null | undefined): string {
  return (name ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .sort()
    .join(" ");
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

const MAX_GROUP = 25;
const WEIGHT = { phone: 5, email: 4, name: 2 } as const;

/**
 * Candidate pairs, strongest evidence first. Persons sharing a phone or email pair up; names
 * pair up when they normalize to the same text (or differ by one edit for names of 8+
 * characters) and the two persons are on different channels (two accounts with the same
 * name on one channel are usually two people).
 */
export function findDuplicatePairs(rows: readonly DuplicateCandidate[], limit = 100): DuplicatePair[] {
  const pairs = new Map<string, DuplicatePair>();
  const add = (a: DuplicateCandidate, b: DuplicateCandidate, e: Evidence) => {
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    const key = `${x.id}|${y.id}`;
    const pair = pairs.get(key) ?? { aId: x.id, bId: y.id, score: 0, evidence: [] };
    if (pair.evidence.some((v) => v.kind === e.kind)) return;
    pair.evidence.push(e);
    pair.score += e.kind === "name" ? WEIGHT.name - Math.min(1, e.distance) : WEIGHT[e.kind];
    pairs.set(key, pair);
  };
  const groupBy = (key: (r: DuplicateCandidate) => string | null) => {
    const groups = new Map<string, DuplicateCandidate[]>();
    for (const r of rows) {
      const k = key(r);
      if (k) groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    return groups;
  };
  for (const [phone, g] of groupBy((r) => r.primaryPhone)) {
    for (let i = 1; i < Math.min(g.length, MAX_GROUP); i++) add(g[0], g[i], { kind: "phone", value: phone });
  }
  for (const [email, g] of groupBy((r) => r.primaryEmail?.toLowerCase() ?? null)) {
    for (let i = 1; i < Math.min(g.length, MAX_GROUP); i++) add(g[0], g[i], { kind: "email", value: email });
  }
  const disjoint = (a: DuplicateCandidate, b: DuplicateCandidate) =>
    a.channels.length > 0 && b.channels.length > 0 && !a.channels.some((c) => b.channels.includes(c));
  // Block on the first three letters so near-identical names are compared only to their neighbours.
  const named = rows.map((r) => ({ r, n: normalizeName(r.displayName) })).filter((x) => x.n.length >= 3);
  const blocks = new Map<string, typeof named>();
  for (const x of named) blocks.set(x.n.slice(0, 3), [...(blocks.get(x.n.slice(0, 3)) ?? []), x]);
  for (const block of blocks.values()) {
    if (block.length > 200) continue; // a very common prefix says little; skip rather than compare n²
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const [a, b] = [block[i], block[j]];
        if (!disjoint(a.r, b.r)) continue;
        const d = a.n === b.n ? 0 : Math.min(a.n.length, b.n.length) >= 8 ? editDistance(a.n, b.n, 1) : 2;
        if (d <= 1) add(a.r, b.r, { kind: "name", a: a.r.displayName ?? "", b: b.r.displayName ?? "", distance: d });
      }
    }
  }
  return [...pairs.values()].sort((p, q) => q.score - p.score || p.aId.localeCompare(q.aId)).slice(0, limit);
}
