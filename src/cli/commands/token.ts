/** `ghsync token create|list|revoke`: API tokens (app/api-tokens.ts, as /api/tokens). */
import { createToken, listTokens, revokeToken } from "../../app/api-tokens.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

export async function runTokenCreate(flags: { name: string; json?: boolean }): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const created = await createToken(db, flags.name);
    printResult(flags.json, created, () => [created.token]);
    if (!flags.json)
      process.stderr.write(
        "Keep this token: it is shown only once. Send it as `Authorization: Bearer <token>`.\n",
      );
  });
}

export async function runTokenList(flags: { json?: boolean }): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    const items = await listTokens(db);
    printResult(flags.json, { items, next_cursor: null }, () =>
      items.length
        ? items.map(
            (t) =>
              `#${t.id} ${t.name}  ${t.user ? `acts as ${t.user}` : "automation (admin)"}, created ${t.created_at}, last used ${t.last_used_at ?? "never"}`,
          )
        : ["no stored API tokens; create one with `ghsync token create`"],
    );
  });
}

export async function runTokenRevoke(id: number): Promise<void> {
  await withRuntime(async ({ database: { db } }) => {
    await revokeToken(db, id);
    process.stdout.write(`revoked API token #${id} (its dashboard sessions ended)\n`);
  });
}
