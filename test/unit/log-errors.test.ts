import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { serializeError } from "../../src/util/log-errors.js";

describe("errors in the log", () => {
  it("keep a failed query's SQL and cause but not its bound values (a webhook payload, a secret)", () => {
    const cause = Object.assign(new Error("terminating connection"), { code: "57P01" });
    const payload = Buffer.from(JSON.stringify({ issue: { body: "private text" }, token: "ghs_secret" }));
    const error = new DrizzleQueryError(
      "insert into webhook_deliveries (payload) values ($1)",
      [payload],
      cause,
    );
    const logged = JSON.stringify(serializeError(new Error("request failed", { cause: error })));
    expect(logged).toContain("insert into webhook_deliveries");
    expect(logged).toContain("57P01");
    expect(logged).not.toContain("private text");
    expect(logged).not.toContain("ghs_secret");
    expect(logged).not.toContain(String(payload[0]));
    expect(logged).not.toContain("params");
  });
});
