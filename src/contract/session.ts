/** The dashboard's sign-in (`/api/session`). */
import { z } from "zod";
import { instant } from "./common.js";
import { ROLES } from "./enums.js";

export const signedIn = z.object({
  authenticated: z.literal(true),
  csrf_token: z.string().describe("send as X-CSRF-Token on every write"),
  expires_at: instant,
  login: z.string().nullable().describe("the person signed in; null: automation (an API token of nobody's)"),
  role: z.enum(ROLES).describe("admins manage; members read, and change only what is theirs"),
  github_sign_in: z
    .boolean()
    .describe('whether "Sign in with GitHub" is configured (a person links more accounts with it)'),
});
export const signedOut = z.object({
  authenticated: z.literal(false),
  github_sign_in: z.boolean().describe('whether "Sign in with GitHub" is configured'),
});
export type SignedIn = z.infer<typeof signedIn>;
export const sessionView = z.union([signedIn, signedOut]);
export type SessionView = z.infer<typeof sessionView>;

export const signInBody = z.object({ token: z.string().trim().min(1, "paste an API token") });
export type SignInBody = z.input<typeof signInBody>;
