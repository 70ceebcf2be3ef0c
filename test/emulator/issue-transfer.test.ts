/**
 * Issue transfers as GitHub makes them (issue 21, part 4), against the emulator's own answers: a
 * new number in the target, 301 on the old URL, gone from the old lists; labels the target has by
 * name and member assignees kept, comments moved; a private repository's issue refused to a public
 * repository.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { get, record, records, walk } from "./helpers.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: "transfer", repos: 3 });
});
afterAll(async () => {
  await emu.close();
});

describe("issue transfers", () => {
  it("moves the issue with its comments, the labels the target has and its member assignees", async () => {
    const issue = emu.admin.openIssue("acme/web", { title: "Move me", labels: ["bug", "web-only"] });
    emu.admin.editIssue("acme/web", issue.number, { assignees: ["alice-chen"] });
    const comment = emu.admin.addComment("acme/web", issue.number, { body: "Before the move" });
    const moved = emu.admin.transferIssue("acme/web", issue.number, "acme/mobile");
    expect(moved.repository).toBe("acme/mobile");

    const old = await get(emu.url, `/repos/acme/web/issues/${issue.number}`);
    expect(old.status).toBe(301);
    const served = record((await get(emu.url, `/repos/acme/mobile/issues/${moved.number}`)).body);
    expect(served.title).toBe("Move me");
    expect(records(served.labels).map((label) => label.name)).toEqual(["bug"]);
    expect(records(served.assignees).map((assignee) => assignee.login)).toEqual(["alice-chen"]);
    const comments = (await walk(emu.url, `/repos/acme/mobile/issues/${moved.number}/comments`)).items;
    expect(comments.map((c) => c.id)).toEqual([comment.id]);
    expect(String(comments[0]?.issue_url)).toMatch(new RegExp(`/repos/acme/mobile/issues/${moved.number}$`));

    const oldList = (await walk(emu.url, "/repos/acme/web/issues?state=all&per_page=100")).items;
    expect(oldList.some((item) => item.number === issue.number && item.title === "Move me")).toBe(false);
    const oldComments = (await walk(emu.url, "/repos/acme/web/issues/comments?per_page=100")).items;
    expect(oldComments.some((c) => c.id === comment.id)).toBe(false);
  });

  it("refuses to move a private repository's issue to a public one", () => {
    const issue = emu.admin.openIssue("acme/api", { title: "Secret" });
    expect(() => emu.admin.transferIssue("acme/api", issue.number, "acme/web")).toThrow(/private .* public/);
  });
});
