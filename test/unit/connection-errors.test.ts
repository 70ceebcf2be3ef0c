import { describe, expect, it } from "vitest";
import { isConnectionError } from "../../src/store/connection-errors.js";

describe("connection errors", () => {
  it("knows a lost or refused connection from a wrong query, through wrapping causes", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const terminated = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
    });
    expect(isConnectionError(refused)).toBe(true);
    expect(isConnectionError(terminated)).toBe(true);
    expect(isConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isConnectionError(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(isConnectionError(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
    expect(
      isConnectionError(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" })),
    ).toBe(false);
    expect(isConnectionError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});

describe("a server reached through a Unix socket", () => {
  it("is unavailable, not broken, while its socket file is gone (the embedded server restarting)", () => {
    const missing = Object.assign(new Error("connect ENOENT /tmp/ghsync-x/postgres/.s.PGSQL.5432"), {
      code: "ENOENT",
    });
    expect(isConnectionError(new Error("Failed query: insert …", { cause: missing }))).toBe(true);
    expect(
      isConnectionError(Object.assign(new Error("ENOENT: no such file, open 'a.json'"), { code: "ENOENT" })),
    ).toBe(false);
  });
});
