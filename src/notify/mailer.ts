/**
 * Email through SMTP (nodemailer), configured by SMTP_URL (`smtp://user:pass@host:port`, or
 * `smtps://` for TLS from the start; plain `smtp://` upgrades with STARTTLS when offered) with
 * explicit connect, greeting and socket timeouts. Only created when SMTP_URL is set.
 */
import nodemailer from "nodemailer";

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** The plain-text part; `html` the same message for mail readers that show HTML. */
  text: string;
  html: string;
  /** Stable per notification: a repeat after a crash carries the same Message-ID. */
  messageId: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects with the server's reason. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string, timeoutMs = 15_000): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(email) {
      await transport.sendMail({ from, ...email });
    },
    close: () => transport.close(),
  };
}
