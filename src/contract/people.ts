/** People (`/api/users`) and the GitHub accounts linked to them. */
import { z } from "zod";
import { instant } from "./common.js";

export const githubLogin = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?$/, "must be a GitHub login");

export const linkedAccount = z.object({
  login: z.string(),
  account_id: z.number().int().nullable().describe("null until the account is mirrored"),
});

export const person = z.object({
  login: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  timezone: z.string(),
  public: z.boolean(),
  commit_emails: z.array(z.string()),
  notify_sync: z.boolean(),
  streak_freezes: z
    .number()
    .int()
    .describe("days a month the current streak survives without a contribution"),
  leaderboard: z.boolean().describe("listed on the public leaderboard (only when public too)"),
  accounts: z.array(linkedAccount),
  created_at: instant,
  updated_at: instant,
});
export type Person = z.infer<typeof person>;

/** A person after a link: `warning` when the account linked is a bot's. */
export const linkedPerson = person.extend({ warning: z.string().nullable() });
export type LinkedPerson = z.infer<typeof linkedPerson>;

export const personFields = z.object({
  name: z.string().max(200).nullable().optional(),
  email: z.email().nullable().optional(),
  timezone: z.string().min(1).optional().describe("IANA name, default UTC"),
  public: z.boolean().optional().describe("show the public profile at /api/public/:login"),
  commit_emails: z
    .array(z.email())
    .max(50)
    .optional()
    .describe("commit author emails that are this person's"),
  notify_sync: z.boolean().optional().describe("be told (email, chat, webhooks) when a backfill finishes"),
  streak_freezes: z
    .number()
    .int()
    .min(0)
    .max(31)
    .optional()
    .describe("days a month the current streak survives without a contribution (default 0)"),
  leaderboard: z
    .boolean()
    .optional()
    .describe("opt in to the public leaderboard (/api/public/leaderboard); only public people are listed"),
});
export const newPerson = personFields.extend({ login: z.string().min(1).max(64) });
export type NewPerson = z.input<typeof newPerson>;
