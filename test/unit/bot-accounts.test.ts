import { describe, expect, it } from "vitest";
import { isBotAccount } from "../../src/metrics/people-scope.js";

describe("isBotAccount", () => {
  it("counts accounts of type Bot, [bot] logins and configured logins as bots", () => {
    expect(isBotAccount({ login: "octocat", type: "User" }, [])).toBe(false);
    expect(isBotAccount({ login: "renovate", type: "Bot" }, [])).toBe(true);
    expect(isBotAccount({ login: "dependabot[bot]", type: "User" }, [])).toBe(true);
    expect(isBotAccount({ login: "Deploy-Robot", type: "User" }, ["deploy-robot"])).toBe(true);
    expect(isBotAccount({ login: "deploy-robot-fan" }, ["deploy-robot"])).toBe(false);
  });
});
