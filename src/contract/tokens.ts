/** API tokens (`/api/tokens`): a token's value is in the answer that creates it, and nowhere else. */
import { z } from "zod";
import { instant } from "./common.js";

export const newToken = z.object({
  name: z.string().trim().min(1).max(100).describe("what the token is for"),
});

export const apiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  user: z.string().nullable().describe("the person it acts as (with their role); null: automation, an admin"),
  created_at: instant,
  last_used_at: instant.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createdToken = z.object({
  id: z.number().int(),
  name: z.string(),
  token: z.string().describe("the token, shown this once (only its sha256 is stored)"),
});
