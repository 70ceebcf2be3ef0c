/**
 * Status, type and kind columns hold only their enum's values (src/contract/enums.ts), enforced by
 * PostgreSQL (migration 0009_enum_checks), not only by TypeScript: a value written by hand, an old
 * process or a bug is refused. The migration applies to a database that already holds valid rows.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder, openDatabase } from "../../src/store/database.js";
import { freshPostgres } from "../helpers/databases.js";

const BEFORE = "0009_enum_checks";

/** A copy of drizzle/ holding the migrations before `tag` only. */
function migrationsBefore(tag: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), "ghsync-migrations-"));
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** One valid row in every table the migration constrains, as the code before it wrote them. */
const VALID_ROWS = `
  insert into users (id, login) values (1, 'ada');
  insert into credentials (kind, label, fingerprint, status) values ('token', 'GITHUB_TOKEN #1', 'f1', 'retired');
  insert into sync_jobs (type, status) values ('backfill', 'completed'), ('metric_snapshots', 'waiting');
  insert into webhook_deliveries (delivery_id, status, signature_ok) values ('d1', 'ignored', true);
  insert into notifications (id, user_id, kind, title, dedupe_key) values (1, 1, 'webhook.disabled', 't', 'k1');
  insert into outgoing_webhooks (id, user_id, kind, url, events, secret_encrypted)
    values (1, 1, 'slack', 'https://example.com/hook', '["sync.completed","goal.completed"]', 's');
  insert into outgoing_deliveries (webhook_id, notification_id, event, attempt, status, attempted_at)
    values (1, 1, 'webhook.disabled', 1, 'refused', now());
  insert into notification_emails (notification_id, recipient, status, message_id, updated_at)
    values (1, 'ada@example.com', 'sent', 'm1', now());
  insert into goals (user_id, title, metric, "window", target, period_start, period_end)
    values (1, 'g', 'pull_requests_merged', 'custom', 3, now(), now() + interval '1 day');
  insert into metric_snapshots (subject_type, subject_id, day, metrics) values ('repository', 7, current_date, '{}');
`;

/** [table, column, a value outside its enum] for every constrained column. */
const BAD_VALUES: [string, string, string][] = [
  ["credentials", "kind", "oauth"],
  ["credentials", "status", "revoked"],
  ["sync_jobs", "type", "graphql_sync"],
  ["sync_jobs", "status", "pending"],
  ["webhook_deliveries", "status", "done"],
  ["notifications", "kind", "goal.reached"],
  ["outgoing_webhooks", "kind", "teams"],
  ["outgoing_webhooks", "events", '["push"]'],
  ["outgoing_deliveries", "status", "ok"],
  ["notification_emails", "status", "queued"],
  ["goals", "metric", "stars"],
  ["goals", "window", "daily"],
  ["metric_snapshots", "subject_type", "team"],
];

describe("enum columns are checked by PostgreSQL", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("0009 applies over valid rows, then refuses every value outside an enum", async () => {
    const fresh = await freshPostgres({ empty: true });
    cleanups.push(() => fresh.drop());
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    cleanups.push(() => client.end());
    const before = migrationsBefore(BEFORE);
    cleanups.push(before.remove);
    await migrate(drizzle({ client }), { migrationsFolder: before.folder });
    await client.query(VALID_ROWS);

    const database = await openDatabase({ kind: "postgres", url: fresh.url, poolSize: 1 });
    await database.close();

    for (const [table, column, value] of BAD_VALUES) {
      const refused = await client.query(`update ${table} set "${column}" = $1`, [value]).then(
        () => undefined,
        (error: { code?: string; constraint?: string }) => error,
      );
      expect(refused, `${table}.${column} = ${value}`).toMatchObject({
        code: "23514", // check_violation
        constraint: `${table}_${column}_check`,
      });
    }
  });
});
