/** A test email's answer without SMTP configured, and when the SMTP server refuses it. */
import { describe, expect, it } from "vitest";
import { sendTestEmail } from "../../src/notify/test-email.js";

describe("a test email", () => {
  it("says SMTP is not configured instead of pretending to send", async () => {
    expect(await sendTestEmail(undefined, "ada@example.test")).toEqual({
      status: "failed",
      error: "SMTP_URL is not set: ghsync sends no email",
    });
  });

  it("passes the SMTP server's refusal on", async () => {
    const refusing = {
      send: () => Promise.reject(new Error("550 mailbox unavailable")),
      close: () => undefined,
    };
    expect(await sendTestEmail(refusing, "ada@example.test")).toEqual({
      status: "failed",
      error: "550 mailbox unavailable",
    });
  });
});
