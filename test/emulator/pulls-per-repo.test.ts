/** `pullsPerRepo`: a repository with as many pull requests as asked, of the generated kind, in seconds. */
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { get, parseLink } from "./helpers.js";

describe("pullsPerRepo", () => {
  it("generates exactly the pull requests asked, merged ones on the default branch, and heavy reviews", async () => {
    const emu = await startEmulator({
      port: 0,
      seed: 3,
      repos: 2,
      scale: "small",
      pullsPerRepo: { web: 3_000 },
    });
    try {
      const first = await get(emu.url, "/repos/acme/web/pulls?state=all&per_page=100");
      const last = parseLink(first.headers.get("link")).last ?? "";
      expect(new URL(last).searchParams.get("page")).toBe("30");
      const lastPage = await get(emu.url, last);
      expect((lastPage.body as unknown[]).length).toBe(100);
      const pulls = emu.admin.pulls("acme/web");
      expect(pulls).toHaveLength(3_000);
      // The other repository keeps its scale's size.
      expect(emu.admin.pulls("acme/api").length).toBeLessThan(100);
      const merged = pulls.filter((pull) => pull.merged);
      expect(merged.length).toBeGreaterThan(1_000);
      for (const pull of merged.slice(-20)) {
        const commit = await get(emu.url, `/repos/acme/web/commits/${pull.merge_commit_sha}`);
        expect(commit.status).toBe(200);
      }
      expect(
        Math.max(...pulls.map((pull) => emu.admin.reviews("acme/web", pull.number).length)),
      ).toBeGreaterThan(30);
    } finally {
      await emu.close();
    }
  });

  it("leaves a world that does not ask for it as it was", async () => {
    const [plain, asked] = await Promise.all([
      startEmulator({ port: 0, seed: 3, repos: 1, scale: "small" }),
      startEmulator({ port: 0, seed: 3, repos: 1, scale: "small", pullsPerRepo: { other: 10 } }),
    ]);
    try {
      expect(asked.admin.pulls("acme/web")).toEqual(plain.admin.pulls("acme/web"));
    } finally {
      await Promise.all([plain.close(), asked.close()]);
    }
  });
});
