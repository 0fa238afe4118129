// Words shown for stored values, in one place: every page, form and badge says the same thing.

const CHANNEL_LABELS: Record<string, string> = {
  whatsapp: "WhatsApp",
  telegram: "Telegram",
  discord: "Discord",
  slack: "Slack",
  email: "Email",
  sms: "SMS",
};

/** "whatsapp" → "WhatsApp", "sms" → "SMS"; an unknown channel is shown as stored. */
export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/** The one glyph for "no value" in tables and detail lists (an em dash). */
export const EMPTY_VALUE = "—";
