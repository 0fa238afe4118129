// Leader election (lib/system/leader.ts): of several loops for one job, exactly one ticks; when the
// leader stops (its connection ends), another takes over. SQLite: the one process always leads.
import { afterEach, describe, expect, it } from "vitest";
import { dbProvider } from "@/lib/db";
import { startLeaderLoop, type LeaderLoop } from "@/lib/system/leader";

const loops: LeaderLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.splice(0).map((l) => l.stop()));
});

function loop(name: string, counter: { n: number }) {
  const l = startLeaderLoop({ name, intervalMs: 60_000, tick: async () => void counter.n++ });
  loops.push(l);
  return l;
}

describe("leader election", () => {
  it.runIf(dbProvider === "postgresql")("one of three loops leads; another takes over when it stops", async () => {
    const name = `test-${Date.now()}-${Math.random()}`;
    const counts = [{ n: 0 }, { n: 0 }, { n: 0 }];
    const ls = counts.map((c) => loop(name, c));
    for (const l of ls) await l.runNow();
    expect(ls.filter((l) => l.isLeader())).toHaveLength(1);
    expect(counts.reduce((s, c) => s + c.n, 0)).toBe(1);
    const first = ls.findIndex((l) => l.isLeader());
    await ls[first].stop();
    const rest = ls.filter((_, i) => i !== first);
    for (const l of rest) await l.runNow();
    expect(rest.filter((l) => l.isLeader())).toHaveLength(1);
  });

  it.runIf(dbProvider === "sqlite")("the one SQLite process always leads", async () => {
    const c = { n: 0 };
    const l = loop("sqlite-job", c);
    await l.runNow();
    await l.runNow();
    expect(l.isLeader()).toBe(true);
    expect(c.n).toBe(2);
  });
});
