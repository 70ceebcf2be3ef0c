/**
 * A test email to a person's address, sent now ("Send test email" on the targets page): says
 * whether the SMTP server (SMTP_URL) accepted it. Not a notification: nothing is stored or retried.
 */
import { randomUUID } from "node:crypto";
import type { Mailer } from "./mailer.js";

export interface TestEmailResult {
  status: "sent" | "failed";
  error: string | null;
}

export async function sendTestEmail(mailer: Mailer | undefined, to: string): Promise<TestEmailResult> {
  if (!mailer) return { status: "failed", error: "SMTP_URL is not set: ghsync sends no email" };
  const text = "This address is set up: ghsync's notifications will arrive here.";
  try {
    await mailer.send({
      to,
      subject: "Test email from ghsync",
      text,
      html: `<p>${text}</p>`,
      messageId: `<test-${randomUUID()}@ghsync>`,
    });
    return { status: "sent", error: null };
  } catch (error) {
    return { status: "failed", error: error instanceof Error ? error.message : String(error) };
  }
}
