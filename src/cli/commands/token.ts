/** `ghsync token create [--name NAME]`: an API token, printed once (only its hash is stored). */
import { createApiToken } from "../../store/api-tokens.js";
import { openRuntime } from "../open-runtime.js";

export async function runTokenCreate(flags: { name: string }): Promise<void> {
  const runtime = await openRuntime();
  try {
    const { token } = await createApiToken(runtime.database.db, flags.name);
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      "Keep this token: it is shown only once. Send it as `Authorization: Bearer <token>`.\n",
    );
  } finally {
    await runtime.close();
  }
}
