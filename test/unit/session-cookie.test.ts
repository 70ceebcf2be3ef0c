/** The session cookie's header parsing and attributes. */
import { describe, expect, it } from "vitest";
import { readCookie, sessionCookie } from "../../src/api/session-cookie.js";

describe("the session cookie", () => {
  it("is found among other cookies, and only by its exact name", () => {
    expect(readCookie("a=1; ghsync_session=abc-_9; b=2", "ghsync_session")).toBe("abc-_9");
    expect(readCookie("xghsync_session=nope; ghsync_session_old=no", "ghsync_session")).toBeUndefined();
    expect(readCookie("ghsync_session=", "ghsync_session")).toBeUndefined();
    expect(readCookie(undefined, "ghsync_session")).toBeUndefined();
  });

  it("is httpOnly and SameSite=Strict, Secure only over https", () => {
    expect(sessionCookie("v", { maxAgeS: 60, secure: false })).toBe(
      "ghsync_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict",
    );
    expect(sessionCookie("", { maxAgeS: 0, secure: true })).toBe(
      "ghsync_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
    );
  });
});
