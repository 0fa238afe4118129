import { describe, expect, it } from "vitest";
import { summarizePresence } from "@/lib/persons/rules/presence";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (min: number) => new Date(now.getTime() - min * 60_000);

describe("summarizePresence", () => {
  it("totals identities, channels and messages, with first/last seen", () => {
    const r = summarizePresence([
      { channel: "whatsapp", messageCount: 10, firstSeenAt: ago(600), lastSeenAt: ago(60) },
      { channel: "whatsapp", messageCount: 5, firstSeenAt: ago(300), lastSeenAt: ago(2) },
      { channel: "telegram", messageCount: 1, firstSeenAt: ago(900), lastSeenAt: ago(30) },
      { channel: "email", messageCount: 0, firstSeenAt: null, lastSeenAt: null },
    ], now);
    expect(r.summary).toEqual({ totalIdentities: 4, activeChannels: 3, totalMessages: 16, firstSeenAt: ago(900), lastSeenAt: ago(2), online: true });
    expect(r.byChannel.whatsapp).toEqual({ identities: 2, messages: 15, firstSeenAt: ago(600), lastSeenAt: ago(2), online: true });
    expect(r.byChannel.telegram.online).toBe(false);
    expect(r.byChannel.email).toEqual({ identities: 1, messages: 0, firstSeenAt: null, lastSeenAt: null, online: false });
  });

  it("is online only within five minutes", () => {
    expect(summarizePresence([{ channel: "sms", messageCount: 0, firstSeenAt: null, lastSeenAt: ago(5) }], now).summary.online).toBe(true);
    expect(summarizePresence([{ channel: "sms", messageCount: 0, firstSeenAt: null, lastSeenAt: ago(5.1) }], now).summary.online).toBe(false);
    expect(summarizePresence([], now).summary).toEqual({ totalIdentities: 0, activeChannels: 0, totalMessages: 0, firstSeenAt: null, lastSeenAt: null, online: false });
  });
});
