/**
 * Where the integration tests find PostgreSQL. `.ci/run` starts the server; locally, the
 * machine's server on 127.0.0.1:5432 with trust auth. Override with GHSYNC_TEST_PG_URL.
 */
export function adminUrl(): string {
  return process.env.GHSYNC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}
