/**
 * Conditional requests: content-hash ETags on every 200 GET; If-None-Match with a matching ETag →
 * 304 with an empty body that costs no rate limit (x-ratelimit-* still sent); an unchanged
 * response keeps its ETag and a change in the world changes it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { TOKEN, get, record } from "./helpers.js";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: "etag" });
});

afterAll(async () => {
  await emu.close();
});

const POLL = "/repos/acme/web/issues?state=all&sort=updated&direction=desc&per_page=100";

describe("ETag and 304", () => {
  it("a repeated request with its ETag → 304, empty body, remaining unchanged", async () => {
    const first = await get(emu.url, POLL);
    const etag = first.headers.get("etag") ?? "";
    // Strong on an uncompressed body, as GitHub's.
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));
    const again = await get(emu.url, POLL, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(remaining);
    expect(again.headers.get("x-ratelimit-limit")).toBe("5000");
    // A client that kept the weak form (GitHub's on gzip bodies) still matches.
    const weak = await get(emu.url, POLL, { headers: { "if-none-match": `W/${etag}` } });
    expect(weak.status).toBe(304);
    const stats = emu.admin.requestStats()[TOKEN];
    expect(stats?.not_modified).toBe(2);
    expect(stats?.counted).toBe(1);
  });

  it("an unchanged response keeps its ETag; a stale ETag gets a 200", async () => {
    const a = await get(emu.url, "/repos/acme/web");
    const b = await get(emu.url, "/repos/acme/web");
    expect(b.headers.get("etag")).toBe(a.headers.get("etag"));
    const stale = await get(emu.url, "/repos/acme/web", { headers: { "if-none-match": 'W/"0000"' } });
    expect(stale.status).toBe(200);
  });

  it("after an admin change the ETag changes (and unrelated lists keep theirs)", async () => {
    const issues = await get(emu.url, POLL);
    const commits = await get(emu.url, "/repos/acme/web/commits?per_page=100");
    const otherRepo = await get(emu.url, "/repos/acme/api/pulls?state=all&sort=updated&direction=desc");
    const number = emu.admin.issues("acme/web")[0]?.number ?? 1;
    emu.admin.addComment("acme/web", number, { body: "ping" });
    emu.admin.addCommits("acme/web", { count: 1 });
    const issuesAfter = await get(emu.url, POLL, {
      headers: { "if-none-match": issues.headers.get("etag") ?? "" },
    });
    expect(issuesAfter.status).toBe(200);
    expect(issuesAfter.headers.get("etag")).not.toBe(issues.headers.get("etag"));
    const commitsAfter = await get(emu.url, "/repos/acme/web/commits?per_page=100", {
      headers: { "if-none-match": commits.headers.get("etag") ?? "" },
    });
    expect(commitsAfter.status).toBe(200);
    const otherAfter = await get(emu.url, "/repos/acme/api/pulls?state=all&sort=updated&direction=desc", {
      headers: { "if-none-match": otherRepo.headers.get("etag") ?? "" },
    });
    expect(otherAfter.status).toBe(304);
  });

  it("errors carry no ETag and GitHub's headers are on every answer", async () => {
    const missing = await get(emu.url, "/repos/acme/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("etag")).toBeNull();
    expect(missing.body).toEqual({
      message: "Not Found",
      documentation_url: expect.any(String),
      status: "404",
    });
    for (const reply of [missing, await get(emu.url, "/repos/acme/web")]) {
      expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(reply.headers.get("x-github-request-id")).toMatch(
        /^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{7}:[0-9A-F]{7}:[0-9A-F]{8}$/,
      );
      expect(reply.headers.get("x-github-api-version-selected")).toBe("2022-11-28");
      expect(reply.headers.get("x-ratelimit-resource")).toBe("core");
    }
    const unknown = await get(emu.url, "/nothing/here");
    expect(unknown.status).toBe(404);
  });
});

describe("caching headers and API versions", () => {
  it("a 304 without a token costs a point (free only when authorized)", async () => {
    const first = await get(emu.url, "/repos/acme/web/pulls", { token: null });
    const etag = first.headers.get("etag") ?? "";
    const again = await get(emu.url, "/repos/acme/web/pulls", {
      token: null,
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(
      Number(first.headers.get("x-ratelimit-remaining")) - 1,
    );
  });

  it("Last-Modified on a single resource from its updated_at; If-Modified-Since → 304", async () => {
    const issue = await get(emu.url, "/repos/acme/web/issues/1");
    const lastModified = issue.headers.get("last-modified") ?? "";
    expect(lastModified).toBe(new Date(String(record(issue.body).updated_at)).toUTCString());
    const same = await get(emu.url, "/repos/acme/web/issues/1", {
      headers: { "if-modified-since": lastModified },
    });
    expect(same.status).toBe(304);
    const earlier = new Date(Date.parse(lastModified) - 1_000).toUTCString();
    const changed = await get(emu.url, "/repos/acme/web/issues/1", {
      headers: { "if-modified-since": earlier },
    });
    expect(changed.status).toBe(200);
    expect((await get(emu.url, POLL)).headers.get("last-modified")).toBeNull();
  });

  it("Cache-Control on a 200, none on an error or a redirect", async () => {
    expect((await get(emu.url, "/repos/acme/web")).headers.get("cache-control")).toContain("max-age=60");
    const missing = await get(emu.url, "/repos/acme/no-such-repo");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBeNull();
  });

  it("400 for an X-GitHub-Api-Version GitHub does not serve; its dated versions work", async () => {
    for (const version of ["2022-11-28", "2026-03-10"]) {
      const served = await get(emu.url, "/repos/acme/web", { headers: { "x-github-api-version": version } });
      expect(served.status).toBe(200);
    }
    const refused = await get(emu.url, "/repos/acme/web", {
      headers: { "x-github-api-version": "2021-01-01" },
    });
    expect(refused.status).toBe(400);
    expect(String(record(refused.body).message)).toContain("X-GitHub-Api-Version");
  });
});
