/**
 * Secrets at rest (DESIGN.md: AES-256-GCM under GHSYNC_SECRET_KEY). The key is derived from the
 * setting with HKDF-SHA256, so any long random string works (`openssl rand -base64 32`). A sealed
 * value is `v1.<iv>.<tag>.<ciphertext>` (base64url): the version names the scheme, GCM's tag makes
 * a tampered value or a wrong key fail loudly instead of decrypting to garbage.
 *
 * Key rotation: with GHSYNC_PREVIOUS_SECRET_KEY set too, values sealed under either key open (the
 * tag tells which key fits), new ones are sealed under the current key, and `ghsync secrets
 * rotate` re-seals every stored value, after which the previous key can go.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { GhsyncError } from "./errors.js";

const VERSION = "v1";

function derive(secretKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secretKey, "ghsync", "ghsync secret-box v1", 32));
}

export interface SecretKeys {
  secretKey: string | undefined;
  previousSecretKey?: string | undefined;
}

export class SecretBox {
  private readonly key: Buffer;
  private readonly previous: Buffer | undefined;

  constructor(secretKey: string, previousSecretKey?: string) {
    this.key = derive(secretKey);
    this.previous = previousSecretKey ? derive(previousSecretKey) : undefined;
  }

  /** A box for the configured keys; a clear error naming the setting when there is none. */
  static fromSetting(keys: SecretKeys, purpose: string): SecretBox {
    if (!keys.secretKey)
      throw new GhsyncError(
        "secret_key_missing",
        `GHSYNC_SECRET_KEY is not set: it encrypts ${purpose} at rest; set it to a long random string (openssl rand -base64 32)`,
        { status: 503 },
      );
    return new SecretBox(keys.secretKey, keys.previousSecretKey);
  }

  /** A box when GHSYNC_SECRET_KEY is set, else undefined (what needs it says so when it does). */
  static ifConfigured(keys: SecretKeys): SecretBox | undefined {
    return keys.secretKey ? new SecretBox(keys.secretKey, keys.previousSecretKey) : undefined;
  }

  /** Whether a stored value is sealed (`v1.…`) or was stored in the clear (GitHub's tokens hold no '.'). */
  static isSealed(value: string): boolean {
    return value.startsWith(`${VERSION}.`);
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
    let failure: unknown;
    for (const key of this.previous ? [this.key, this.previous] : [this.key]) {
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, "base64url")),
          decipher.final(),
        ]).toString("utf8");
      } catch (error) {
        failure = error;
      }
    }
    throw new GhsyncError(
      "secret_unreadable",
      this.previous
        ? "a stored secret cannot be decrypted: neither GHSYNC_SECRET_KEY nor GHSYNC_PREVIOUS_SECRET_KEY is the key it was stored with"
        : "a stored secret cannot be decrypted: GHSYNC_SECRET_KEY is not the key it was stored with (during a key change, set the old one as GHSYNC_PREVIOUS_SECRET_KEY)",
      { cause: failure },
    );
  }
}
