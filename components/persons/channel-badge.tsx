import { channelLabel, EMPTY_VALUE } from "@/lib/format/labels";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { whatsapp: "success", telegram: "accent", discord: "accent", slack: "warning", email: "neutral", sms: "neutral" };

export { channelLabel };

export function ChannelBadge({ channel }: { channel: string }) {
  return <Badge tone={TONES[channel] ?? "neutral"}>{channelLabel(channel)}</Badge>;
}

export function ChannelBadges({ channels }: { channels: string[] }) {
  if (!channels.length) return <span className="text-fg-muted">{EMPTY_VALUE}</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {channels.map((c) => <ChannelBadge key={c} channel={c} />)}
    </span>
  );
}
