import { describe, expect, it } from "vitest";
import { normalizePushCommit } from "../../src/normalize/normalize-push-commit.js";
import { sign, signatureMatches } from "../../src/util/signature.js";

describe("webhook signatures", () => {
  const body = Buffer.from('{"zen":"Speak like a human."}');

  it("accepts the HMAC of the exact bytes with any configured secret", () => {
    expect(signatureMatches(["old", "new"], body, sign("new", body))).toBe(true);
    expect(signatureMatches(["old", "new"], body, sign("old", body))).toBe(true);
  });

  it("refuses a missing, malformed, truncated or foreign signature, and changed bytes", () => {
    expect(signatureMatches(["s"], body, undefined)).toBe(false);
    expect(signatureMatches(["s"], body, "sha1=abc")).toBe(false);
    expect(signatureMatches(["s"], body, sign("s", body).slice(0, 20))).toBe(false);
    expect(signatureMatches(["s"], body, sign("other", body))).toBe(false);
    expect(signatureMatches(["s"], Buffer.concat([body, Buffer.from(" ")]), sign("s", body))).toBe(false);
    expect(signatureMatches([], body, sign("s", body))).toBe(false);
  });

  it("signs bytes that are not valid UTF-8 as they are", () => {
    const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    expect(signatureMatches(["s"], raw, sign("s", raw))).toBe(true);
    expect(signatureMatches(["s"], raw, sign("s", raw.toString("utf8")))).toBe(false);
  });
});

describe("push payload commits", () => {
  it("keep names and emails, leave account ids to the sync, and read GitHub's timestamp", () => {
    const row = normalizePushCommit(7, {
      id: "a".repeat(40),
      tree_id: "b".repeat(40),
      distinct: true,
      message: "Fix\u0000 it",
      timestamp: "2026-11-20T10:00:00+01:00",
      url: "https://github.com/acme/web/commit/aaa",
      author: { name: "Ada", email: "ada@example.com", username: "ada" },
      committer: { name: "GitHub", email: "noreply@github.com" },
      added: [],
      removed: [],
      modified: [],
    });
    expect(row).toEqual({
      repositoryId: 7,
      sha: "a".repeat(40),
      authorName: "Ada",
      authorEmail: "ada@example.com",
      committerName: "GitHub",
      committerEmail: "noreply@github.com",
      authoredAt: new Date("2026-11-20T09:00:00Z"),
      committedAt: new Date("2026-11-20T09:00:00Z"),
      message: "Fix it",
      onDefaultBranch: true,
    });
    expect(row).not.toHaveProperty("authorId");
  });
});

describe("GitHub's published test vector", () => {
  // https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
  const secret = "It's a Secret to Everybody";
  const expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  it("signs and verifies it exactly", () => {
    expect(sign(secret, Buffer.from("Hello, World!"))).toBe(expected);
    expect(signatureMatches([secret], Buffer.from("Hello, World!"), expected)).toBe(true);
    expect(signatureMatches([secret], Buffer.from("Hello, World?"), expected)).toBe(false);
  });
});
