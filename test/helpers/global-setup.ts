/**
 * Runs once before the test files: builds a migrated PostgreSQL template database, so each test
 * file gets a fresh database in milliseconds instead of migrating its own.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/store/database.js";
import { adminUrl, databaseUrl } from "./postgres-url.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
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
  };
}
