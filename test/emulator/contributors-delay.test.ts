/**
 * The contributors list lags like GitHub's ("may be a few hours old"): commits by a new author
 * show up only once the served copy is `contributorsDelayS` old; 0 serves it live.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../src/emulator/index.js";
import { get, records } from "./helpers.js";

let emu: RunningEmulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const NEWCOMER = "Someone New <new@example.com>";

async function listsNewcomer(url: string): Promise<boolean> {
  const reply = await get(url, "/repos/acme/web/contributors?anon=1&per_page=100");
  return records(reply.body).some((entry) => entry.email === "new@example.com");
}

describe("contributors delay", () => {
  it("serves the old list for three hours by default, then the new one", async () => {
    let wall = Date.parse("2025-05-05T10:00:00Z");
    emu = await startEmulator({ port: 0, clock: () => wall });
    expect(await listsNewcomer(emu.url)).toBe(false);
    emu.admin.addCommits("acme/web", { count: 1, author: NEWCOMER });
    wall += 2 * 3600_000;
    expect(await listsNewcomer(emu.url)).toBe(false);
    wall += 3600_000;
    expect(await listsNewcomer(emu.url)).toBe(true);
  });

  it("serves the list live with a delay of 0 (set by the admin API)", async () => {
    emu = await startEmulator({ port: 0 });
    expect(await listsNewcomer(emu.url)).toBe(false);
    emu.admin.setContributorsDelay(0);
    emu.admin.addCommits("acme/web", { count: 1, author: NEWCOMER });
    expect(await listsNewcomer(emu.url)).toBe(true);
  });
});
