// Presence of a person across their identities (pure): totals, first/last seen, "online" (seen
// in the last five minutes) overall and per channel.
export const ONLINE_WINDOW_MS = 5 * 60 * 1000;

export type PresenceIdentity = {
  channel: string;
  messageCount: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
};

export type ChannelPresence = {
  identities: number;
  messages: number;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  online: boolean;
};

const min = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a < b ? a : b);
const max = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

export const isOnline = (lastSeenAt: Date | null, now: Date) =>
  !!lastSeenAt && now.getTime() - lastSeenAt.getTime() <= ONLINE_WINDOW_MS && lastSeenAt.getTime() <= now.getTime() + 60_000;

export function summarizePresence(identities: readonly PresenceIdentity[], now = new Date()) {
  const byChannel: Record<string, ChannelPresence> = {};
  let firstSeenAt: Date | null = null;
  let lastSeenAt: Date | null = null;
  let totalMessages = 0;
  for (const i of identities) {
    const c = (byChannel[i.channel] ??= { identities: 0, messages: 0, firstSeenAt: null, lastSeenAt: null, online: false });
    c.identities++;
    c.messages += i.messageCount;
    c.firstSeenAt = min(c.firstSeenAt, i.firstSeenAt);
    c.lastSeenAt = max(c.lastSeenAt, i.lastSeenAt);
    c.online = isOnline(c.lastSeenAt, now);
    totalMessages += i.messageCount;
    firstSeenAt = min(firstSeenAt, i.firstSeenAt);
    lastSeenAt = max(lastSeenAt, i.lastSeenAt);
  }
  return {
    summary: {
      totalIdentities: identities.length,
      activeChannels: Object.keys(byChannel).length,
      totalMessages,
      firstSeenAt,
      lastSeenAt,
      online: isOnline(lastSeenAt, now),
    },
    byChannel,
  };
}
