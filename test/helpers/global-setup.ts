/**
 * Runs once before the test files: builds a migrated PGlite template (a data-dir dump) and a
 * migrated PostgreSQL template database, so each test file gets a fresh database in
 * milliseconds instead of migrating its own (DESIGN.md, stack notes on PGlite's first open).
 */
import { writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/database.js";
import { adminUrl, databaseUrl } from "./postgres-url.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ghsync-test-"));
  const pglite = await openDatabase({ kind: "pglite" });
  const client = (pglite.db as unknown as { $client: { dumpDataDir(c: "none"): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir("none");
  await pglite.close();
  const templateFile = path.join(dir, "template.tar");
  await writeFile(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", templateFile);

  const template = `ghsync_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const postgres = await openDatabase({ kind: "postgres", url: databaseUrl(template), poolSize: 1 });
  await postgres.close();
  project.provide("postgresTemplate", template);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'ghsync_t_${process.pid}_%' or datname = $1`,
      [template],
    );
    for (const row of leftovers.rows)
      await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  };
}
