/**
 * What each kind of target receives (Slack and Discord message shapes and limits, ghsync's own
 * body), the delivery id receivers dedupe by, and the at-rest cipher of signing secrets.
 */
import { describe, expect, it } from "vitest";
import {
  discordPayload,
  slackPayload,
  webhookBody,
  type NotificationMessage,
} from "../../src/notify/payloads.js";
import { deliveryId } from "../../src/notify/sign.js";
import { SecretBox } from "../../src/util/secret-box.js";

const message: NotificationMessage = {
  kind: "goal.completed",
  title: "Goal reached: 10 merged pull requests <this month>",
  body: "You merged 10 of 10 pull requests in acme/web & acme/api. @everyone",
  data: { goal_id: 1, current: 10, target: 10 },
  createdAt: new Date("2026-11-30T12:00:00Z"),
};

describe("chat payloads", () => {
  it("gives Slack a text fallback and header/section blocks, with its markup escaped", () => {
    expect(slackPayload(message)).toEqual({
      text: "Goal reached: 10 merged pull requests &lt;this month&gt;",
      blocks: [
        { type: "header", text: { type: "plain_text", text: message.title } },
        {
          type: "section",
          text: {
            type: "mrkdwn",
            text: "You merged 10 of 10 pull requests in acme/web &amp; acme/api. @everyone",
          },
        },
      ],
    });
  });

  it("gives Discord one embed, never pinging anyone", () => {
    expect(discordPayload(message)).toEqual({
      username: "ghsync",
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: message.title,
          description: message.body,
          timestamp: "2026-11-30T12:00:00.000Z",
          color: 0x2da44e,
        },
      ],
    });
  });

  it("keeps within each service's limits", () => {
    const long = { ...message, title: "t".repeat(500), body: "b".repeat(5_000) };
    const slack = slackPayload(long) as { blocks: { text: { text: string } }[] };
    expect(slack.blocks[0]?.text.text).toHaveLength(150);
    expect(slack.blocks[1]?.text.text).toHaveLength(3_000);
    const discord = discordPayload(long) as { embeds: { title: string; description: string }[] };
    expect(discord.embeds[0]?.title).toHaveLength(256);
    expect(discord.embeds[0]?.description).toHaveLength(4_096);
    expect(discord.embeds[0]?.description.endsWith("…")).toBe(true);
  });

  it("sends ghsync's own body as {event, delivered_at, data}", () => {
    expect(webhookBody(message, new Date("2026-12-01T00:00:00Z"))).toEqual({
      event: "goal.completed",
      delivered_at: "2026-12-01T00:00:00.000Z",
      data: message.data,
    });
  });
});

describe("delivery ids and secrets", () => {
  it("keeps one delivery id across the retries of one notification to one target", () => {
    expect(deliveryId(7, 3)).toBe(deliveryId(7, 3));
    expect(deliveryId(7, 3)).not.toBe(deliveryId(7, 4));
    expect(deliveryId(7, 3)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("encrypts at rest: round trip, a fresh IV each time, and loud failure on tampering or a wrong key", () => {
    const box = new SecretBox("key-one");
    const sealed = box.seal("whsec-value");
    expect(sealed).not.toContain("whsec-value");
    expect(box.seal("whsec-value")).not.toBe(sealed);
    expect(box.open(sealed)).toBe("whsec-value");
    expect(() => new SecretBox("key-two").open(sealed)).toThrow(/not the key it was stored with/);
    const parts = sealed.split(".");
    const flipped = [
      ...parts.slice(0, 3),
      `${parts[3]?.startsWith("A") ? "B" : "A"}${parts[3]?.slice(1)}`,
    ].join(".");
    expect(() => box.open(flipped)).toThrow(/cannot be decrypted/);
    expect(() => SecretBox.fromSetting({ secretKey: undefined }, "webhook signing secrets")).toThrow(
      /GHSYNC_SECRET_KEY is not set/,
    );
  });

  it("opens values sealed under the previous key during a key change, and seals under the new one", () => {
    const old = new SecretBox("key-old").seal("whsec-value");
    const changing = new SecretBox("key-new", "key-old");
    expect(changing.open(old)).toBe("whsec-value");
    const resealed = changing.seal("whsec-value");
    expect(new SecretBox("key-new").open(resealed)).toBe("whsec-value");
    expect(() => new SecretBox("key-old").open(resealed)).toThrow(/cannot be decrypted/);
    expect(() => new SecretBox("key-new").open(old)).toThrow(/set the old one as GHSYNC_PREVIOUS_SECRET_KEY/);
    expect(() => new SecretBox("key-new", "key-other").open(old)).toThrow(
      /neither GHSYNC_SECRET_KEY nor GHSYNC_PREVIOUS_SECRET_KEY/,
    );
  });
});
