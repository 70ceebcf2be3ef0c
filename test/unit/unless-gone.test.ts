import { describe, expect, it } from "vitest";
import { unlessGone } from "../../src/github/unless-gone.js";
import { GhsyncError } from "../../src/util/errors.js";

describe("a request whose 404 or 410 is an answer", () => {
  it("gives the answer, undefined for a resource not there or deleted, and throws anything else", async () => {
    expect(await unlessGone(Promise.resolve(7))).toBe(7);
    const failing = (status: number) =>
      Promise.reject(new GhsyncError("github_error", `GitHub answered ${status}`, { status }));
    expect(await unlessGone(failing(404))).toBeUndefined();
    expect(await unlessGone(failing(410))).toBeUndefined();
    await expect(unlessGone(failing(502))).rejects.toThrow(/502/);
    await expect(unlessGone(Promise.reject(new TypeError("a bug")))).rejects.toThrow(TypeError);
  });
});
