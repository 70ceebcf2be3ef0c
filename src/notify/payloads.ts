/**
 * The bodies each kind of target expects for one notification (pure): ghsync's own signed JSON
 * `{event, delivered_at, data}`, a Slack incoming-webhook message
 * (https://api.slack.com/messaging/webhooks, Block Kit limits) and a Discord webhook message
 * (https://discord.com/developers/docs/resources/webhook#execute-webhook, embed limits).
 */

export interface NotificationMessage {
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Slack reads `&`, `<` and `>` as markup (links, mentions): escaped as its docs say. */
const slackEscape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export function webhookBody(message: NotificationMessage, deliveredAt: Date): Record<string, unknown> {
  return { event: message.kind, delivered_at: deliveredAt.toISOString(), data: message.data };
}

export function slackPayload(message: NotificationMessage): Record<string, unknown> {
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: clip(message.title, 150) } },
  ];
  if (message.body)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(slackEscape(message.body), 3000) } });
  // `text` is the notification preview and the fallback where blocks are not shown.
  return { text: clip(slackEscape(message.title), 3000), blocks };
}

const DISCORD_COLORS: Record<string, number> = { "goal.completed": 0x2da44e, "sync.completed": 0x0969da };

export function discordPayload(message: NotificationMessage): Record<string, unknown> {
  return {
    username: "ghsync",
    // Text from repositories and goals must never ping @everyone or a role.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(message.title, 256),
        description: clip(message.body, 4096),
        timestamp: message.createdAt.toISOString(),
        color: DISCORD_COLORS[message.kind] ?? 0x6e7781,
      },
    ],
  };
}

export function payloadFor(
  kind: TargetKind,
  message: NotificationMessage,
  deliveredAt: Date,
): Record<string, unknown> {
  if (kind === "slack") return slackPayload(message);
  if (kind === "discord") return discordPayload(message);
  return webhookBody(message, deliveredAt);
}
import type { TargetKind } from "../contract/enums.js";
