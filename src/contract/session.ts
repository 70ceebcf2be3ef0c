/** The dashboard's sign-in (`/api/session`). */
import { z } from "zod";
import { instant } from "./common.js";

export const signedIn = z.object({
  authenticated: z.literal(true),
  csrf_token: z.string().describe("send as X-CSRF-Token on every write"),
  expires_at: instant,
});
export const sessionView = z.union([signedIn, z.object({ authenticated: z.literal(false) })]);
export type SessionView = z.infer<typeof sessionView>;

export const signInBody = z.object({ token: z.string().trim().min(1, "paste an API token") });
export type SignInBody = z.input<typeof signInBody>;
