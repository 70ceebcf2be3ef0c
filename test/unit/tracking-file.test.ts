import { describe, expect, it } from "vitest";
import { parseTrackingFile } from "../../src/app/tracking-file.js";
import { loadSettings } from "../../src/config/settings.js";

const parse = (text: string) => parseTrackingFile(text, "ghsync.yaml");

describe("tracking file", () => {
  it("reads organizations and repositories, as names or {name, depth}, with the file's default depth", () => {
    const file = parse(
      [
        "depth: 90d",
        "organizations:",
        "  - acme",
        "  - { name: other, depth: full }",
        "repositories:",
        "  - acme/api",
        "  - name: acme/web",
        "    depth: 2026-01-31",
      ].join("\n"),
    );
    expect(file).toEqual({
      path: "ghsync.yaml",
      organizations: [
        { name: "acme", depth: "90d", line: 3 },
        { name: "other", depth: "full", line: 4 },
      ],
      repositories: [
        { name: "acme/api", depth: "90d", line: 6 },
        { name: "acme/web", depth: "2026-01-31T00:00:00.000Z", line: 7 },
      ],
    });
    expect(parse("repositories: [acme/api]").repositories[0]?.depth).toBe("30d");
    expect(parse("")).toEqual({ path: "ghsync.yaml", organizations: [], repositories: [] });
  });

  it.each([
    [
      "repositories:\n  - acme/api\n  - name: acme/web\n    depth: 3x\n",
      'ghsync.yaml:4: repositories[1].depth: depth "3x" is not understood: use a number of days like 30d, full, or a past ISO date like 2026-01-31',
    ],
    [
      "repositories:\n  - name: acme/web\n    depth: 30\n",
      'ghsync.yaml:3: repositories[0].depth: must be a depth: "30d", "full" or a date like 2026-01-31',
    ],
    [
      "repositories:\n  - acme/api\n  - name: acme/web\n    dept: 3d\n",
      "ghsync.yaml:4: repositories[1].dept: unknown field dept (known: name, depth)",
    ],
    [
      "depth: 30d\nrepos:\n  - acme/api\n",
      "ghsync.yaml:2: repos: unknown field repos (known: organizations, repositories, depth)",
    ],
    ["repositories:\n  - acme\n", "ghsync.yaml:2: repositories[0].name: must be OWNER/REPO"],
    [
      "organizations:\n  - acme/api\n",
      "ghsync.yaml:2: organizations[0].name: must be an organization login, like acme",
    ],
    ["repositories: acme/api\n", "ghsync.yaml:1: repositories: must be a list"],
    [
      "- acme/api\n",
      "ghsync.yaml:1: the file: must be a mapping of organizations:, repositories: and depth:",
    ],
    [
      "repositories:\n  - acme/api\n  - Acme/API\n",
      "ghsync.yaml:3: repositories[1]: Acme/API is listed twice (also line 2)",
    ],
    ["repositories:\n  - acme/api\nrepositories:\n  - acme/web\n", "ghsync.yaml:3: Map keys must be unique"],
  ])("names the line and the field of a mistake: %j", (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it("is ./ghsync.yaml unless GHSYNC_TRACKING_FILE names another", () => {
    expect(loadSettings({}).trackingFile).toEqual({ path: `${process.cwd()}/ghsync.yaml`, explicit: false });
    expect(loadSettings({ GHSYNC_TRACKING_FILE: "/etc/ghsync/track.yaml" }).trackingFile).toEqual({
      path: "/etc/ghsync/track.yaml",
      explicit: true,
    });
  });
});
