// rules/ahead.ts: what an endpoint's look-ahead reads and takes of the webhook outbox.
import { describe, expect, it } from "vitest";
import { aheadActions, aheadPicks, type QueuedRow } from "@/lib/webhook-delivery/rules/ahead";

const t0 = new Date("2026-12-01T10:00:00Z");
const row = (seq: number, action: string | null, fannedTo: string[] = [], createdAt = t0): QueuedRow => ({ seq, action, createdAt, fannedTo });
const merges = { id: "merges", events: ["person.merge"], createdAt: new Date(0) };

describe("aheadActions", () => {
  it("reads the types an endpoint wants, and nothing for one subscribed to everything", () => {
    expect(aheadActions(["person.merge"])).toEqual(["person.merge"]);
    expect(aheadActions(["route.*"])).toEqual(expect.arrayContaining(["route.create", "route.update", "route.delete"]));
    expect(aheadActions(["route.*"])!.every((a) => a.startsWith("route."))).toBe(true);
    expect(aheadActions(["*"])).toBeNull();
    expect(aheadActions(["person.merge", "*"])).toBeNull();
  });
});

describe("aheadPicks", () => {
  it("takes the rows read, oldest first, and moves the cursor to the last one", () => {
    expect(aheadPicks([row(3, "person.merge"), row(9, "person.merge")], merges, 0)).toEqual({ seqs: [3, 9], cursor: 9 });
  });

  it("skips rows the endpoint already has and rows queued before it was created, moving past them", () => {
    const later = { ...merges, createdAt: new Date(t0.getTime() + 1) };
    expect(aheadPicks([row(3, "person.merge", ["merges"]), row(5, "person.merge")], merges, 0)).toEqual({ seqs: [5], cursor: 5 });
    expect(aheadPicks([row(3, "person.merge"), row(5, "person.merge", [], new Date(t0.getTime() + 5))], later, 0)).toEqual({ seqs: [5], cursor: 5 });
  });

  it("stops before a row without a type (only the ordinary fan-out can place it), its cursor before that row", () => {
    expect(aheadPicks([row(3, "person.merge"), row(4, null), row(5, "person.merge")], merges, 1)).toEqual({ seqs: [3], cursor: 3 });
    expect(aheadPicks([row(4, null), row(5, "person.merge")], merges, 1)).toEqual({ seqs: [], cursor: 1 });
  });

  it("reads nothing: the cursor stays", () => {
    expect(aheadPicks([], merges, 7)).toEqual({ seqs: [], cursor: 7 });
  });
});
