/** `ghsync secrets rotate`: every stored secret sealed again under GHSYNC_SECRET_KEY (app/secrets.ts). */
import { sealSecrets } from "../../app/secrets.js";
import { SecretBox } from "../../util/secret-box.js";
import { withRuntime } from "../open-runtime.js";
import { printResult } from "../output.js";

export async function runSecretsRotate(flags: { json?: boolean }): Promise<void> {
  await withRuntime(async ({ settings, database: { db } }) => {
    const box = SecretBox.fromSetting(
      settings,
      "outgoing targets' URLs and signing secrets, and people's GitHub tokens",
    );
    const report = await sealSecrets(db, box, "all");
    printResult(flags.json, report, () => [
      `sealed ${report.targets} outgoing target(s) and ${report.github_tokens} GitHub token(s) under GHSYNC_SECRET_KEY` +
        (report.plain_urls ? ` (${report.plain_urls} URL(s) were stored in the clear)` : ""),
      ...(settings.previousSecretKey ? ["nothing needs GHSYNC_PREVIOUS_SECRET_KEY any more: unset it"] : []),
    ]);
  });
}
