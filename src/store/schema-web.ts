/**
 * Dashboard sessions: a browser signs in with an API token once and then carries a random session
 * id in an httpOnly cookie. Only the id's sha256 is stored (a leaked table opens no session); the
 * CSRF token is stored as is, since it proves nothing without the cookie.
 */
import { bigserial, index, pgTable, text } from "drizzle-orm/pg-core";
import { apiTokens, users } from "./schema.js";
import { id, ts } from "./columns.js";

export const sessions = pgTable(
  "sessions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    idHash: text("id_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    /** The stored API token signed in with (deleting it ends its sessions); null for GHSYNC_API_TOKEN. */
    apiTokenId: id("api_token_id").references(() => apiTokens.id, {
      onDelete: "cascade",
    }),
    /** The person signed in (with GitHub, or with a token of theirs); null: automation, an admin. */
    userId: id("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("sessions_expires_idx").on(t.expiresAt)],
);
