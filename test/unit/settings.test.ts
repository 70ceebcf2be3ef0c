/** Settings are validated once at start, and a wrong one is named with its expected form (issue 20, finding 5). */
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../src/config/settings.js";

describe("settings", () => {
  it.each([
    ["GITHUB_API_URL", "ftp://x", /GITHUB_API_URL: must be an http:\/\/ or https:\/\/ URL/],
    ["GITHUB_API_URL", "api.github.com", /GITHUB_API_URL: must be an http/],
    ["DATABASE_URL", "not-a-url", /DATABASE_URL: must be a postgres:\/\/ URL/],
    ["DATABASE_URL", "mysql://localhost/db", /DATABASE_URL: must be a postgres:\/\/ URL/],
  ])("refuses %s=%s at start, saying what it must be", (name, value, message) => {
    expect(() => loadSettings({ [name]: value })).toThrow(message);
  });

  it("reads which proxies to trust", () => {
    expect(loadSettings({}).trustProxy).toBe(false);
    expect(loadSettings({ GHSYNC_TRUST_PROXY: "1" }).trustProxy).toBe(true);
    expect(loadSettings({ GHSYNC_TRUST_PROXY: "10.0.0.5, 192.168.0.0/16" }).trustProxy).toEqual([
      "10.0.0.5",
      "192.168.0.0/16",
    ]);
  });

  it("caps connections per address unless a trusted proxy is in front; an explicit value wins", () => {
    expect(loadSettings({}).maxConnectionsPerIp).toBe(128);
    expect(loadSettings({ GHSYNC_TRUST_PROXY: "1" }).maxConnectionsPerIp).toBe(0);
    expect(
      loadSettings({ GHSYNC_TRUST_PROXY: "1", GHSYNC_MAX_CONNECTIONS_PER_IP: "50" }).maxConnectionsPerIp,
    ).toBe(50);
    expect(() => loadSettings({ GHSYNC_MAX_CONNECTIONS_PER_IP: "-1" })).toThrow(
      /GHSYNC_MAX_CONNECTIONS_PER_IP/,
    );
  });

  it("reads the verification's share of the hourly budget as a percentage", () => {
    expect(loadSettings({}).verifyBudgetShare).toBe(0.1);
    expect(loadSettings({ GHSYNC_VERIFY_BUDGET: "25%" }).verifyBudgetShare).toBe(0.25);
    expect(loadSettings({ GHSYNC_VERIFY_BUDGET: "2.5" }).verifyBudgetShare).toBe(0.025);
    for (const wrong of ["0", "101%", "ten", "-5%"])
      expect(() => loadSettings({ GHSYNC_VERIFY_BUDGET: wrong })).toThrow(/GHSYNC_VERIFY_BUDGET/);
  });

  it("takes the forms users write", () => {
    const settings = loadSettings({
      GITHUB_API_URL: "https://ghe.example.com/api/v3/",
      DATABASE_URL: "postgresql://ghsync@db:5432/ghsync",
    });
    expect(settings.githubApiUrl).toBe("https://ghe.example.com/api/v3");
    expect(settings.databaseUrl).toBe("postgresql://ghsync@db:5432/ghsync");
    expect(loadSettings({ DATABASE_URL: "postgres://127.0.0.1/test" }).databaseUrl).toBe(
      "postgres://127.0.0.1/test",
    );
  });
});
