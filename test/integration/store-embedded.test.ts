import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { repositories } from "../../src/store/schema.js";

describe("embedded database under GHSYNC_DATA_DIR", () => {
  it("migrates on first open, persists across reopen, and refuses a second owner", async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "ghsync-embedded-")), "pgdata");
    const first = await openDatabase({ kind: "pglite", dataDir });
    await first.db.insert(repositories).values({ id: 5, owner: "acme", name: "web", fullName: "acme/web" });
    await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toMatchObject({
      code: "data_dir_locked",
    });
    await first.close();

    const again = await openDatabase({ kind: "pglite", dataDir });
    const rows = await again.db.select().from(repositories).where(eq(repositories.id, 5));
    expect(rows.map((r) => r.fullName)).toEqual(["acme/web"]);
    await again.close();
  });

  it("names the server in a one-line error when PostgreSQL is unreachable", async () => {
    await expect(
      openDatabase({ kind: "postgres", url: "postgres://nobody:secret@127.0.0.1:1/none" }),
    ).rejects.toMatchObject({
      code: "database_unavailable",
      message: expect.stringMatching(
        /could not connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
      ),
    });
  });
});
