/**
 * Secrets at rest (DESIGN.md: AES-256-GCM under GHSYNC_SECRET_KEY). The key is derived from the
 * setting with HKDF-SHA256, so any long random string works (`openssl rand -base64 32`). A sealed
 * value is `v1.<iv>.<tag>.<ciphertext>` (base64url): the version names the scheme, GCM's tag makes
 * a tampered value or a wrong key fail loudly instead of decrypting to garbage.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { GhsyncError } from "./errors.js";

const VERSION = "v1";

export class SecretBox {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = Buffer.from(hkdfSync("sha256", secretKey, "ghsync", "ghsync secret-box v1", 32));
  }

  /** A box for the configured key; a clear error naming the setting when there is none. */
  static fromSetting(secretKey: string | undefined, purpose: string): SecretBox {
    if (!secretKey)
      throw new GhsyncError(
        "secret_key_missing",
        `GHSYNC_SECRET_KEY is not set: it encrypts ${purpose} at rest; set it to a long random string (openssl rand -base64 32)`,
        { status: 503 },
      );
    return new SecretBox(secretKey);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
    return [VERSION, ...parts].join(".");
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined)
      throw new GhsyncError("secret_unreadable", "a stored secret is not in a format this version reads");
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch (error) {
      throw new GhsyncError(
        "secret_unreadable",
        "a stored secret cannot be decrypted: GHSYNC_SECRET_KEY is not the key it was stored with",
        { cause: error },
      );
    }
  }
}
