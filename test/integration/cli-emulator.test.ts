/**
 * `ghsync emulator` as a user starts it: `--rate-limit` raises GraphQL's budget with REST's (a
 * run told to be unlimited must not wait an hour on GraphQL), unless `--graphql-rate-limit` says
 * otherwise; `--scale tiny` and `--search-lag-s` are accepted.
 */
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { finished, spawnCli } from "../helpers/run-cli.js";

const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    const done = finished(child);
    child.kill("SIGTERM");
    await done;
  }
});

/** Starts the emulator with `args` and reads its budgets from GET /rate_limit. */
async function budgets(args: string[]): Promise<{ core: number; graphql: number; search: number }> {
  const child = spawnCli(["emulator", "--port", "0", "--repos", "2", "--scale", "tiny", ...args], {});
  running.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const found = /GitHub API emulator: (\S+)/.exec(chunk.toString());
      if (found?.[1]) resolve(found[1]);
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  const answer = await fetch(`${url}/rate_limit`, { headers: { authorization: "token cli-emulator" } });
  const { resources } = (await answer.json()) as Record<string, Record<string, { limit: number }>>;
  return {
    core: resources?.core?.limit ?? 0,
    graphql: resources?.graphql?.limit ?? 0,
    search: resources?.search?.limit ?? 0,
  };
}

describe("ghsync emulator", () => {
  it("raises GraphQL's budget with --rate-limit, unless --graphql-rate-limit is given", async () => {
    expect(await budgets(["--rate-limit", "1000000", "--search-lag-s", "30"])).toEqual({
      core: 1_000_000,
      graphql: 1_000_000,
      search: 30,
    });
    expect(await budgets(["--rate-limit", "1000000", "--graphql-rate-limit", "5000"])).toMatchObject({
      graphql: 5000,
    });
    expect(await budgets([])).toMatchObject({ core: 5000, graphql: 5000 });
  });
});
