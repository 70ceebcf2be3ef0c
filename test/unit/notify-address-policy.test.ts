/**
 * SSRF rules of outgoing requests: which addresses are refused, target URL validation, and the
 * HTTP client refusing a literal or resolved private address before any byte is sent, and its deadline.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { nonPublicReason } from "../../src/notify/address-policy.js";
import { DestinationRefusedError, createPoster } from "../../src/notify/safe-request.js";
import { displayUrl, targetUrlProblem } from "../../src/notify/targets.js";

describe("the address policy", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.8.9.10", "a loopback address"],
    ["10.0.0.7", "a private address"],
    ["172.16.5.4", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.169.254", "a link-local address"],
    ["100.64.0.1", "a shared (carrier-grade NAT) address"],
    ["0.0.0.0", "an unspecified (this-network) address"],
    ["224.0.0.1", "a multicast address"],
    ["255.255.255.255", "a reserved address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fe80::1", "a link-local address"],
    ["fd12:3456::1", "a unique-local (private) address"],
    ["::ffff:127.0.0.1", "an IPv4-mapped address"],
    ["::ffff:7f00:1", "an IPv4-mapped address"],
    // Issue 20, finding 6: these reached the server's own network before.
    ["::127.0.0.1", "an IPv4-compatible address"],
    ["64:ff9b::7f00:1", "a NAT64 address (IPv4 inside IPv6)"],
    ["2002:7f00:1::1", "a 6to4 address (IPv4 inside IPv6)"],
    ["2001:0:4136:e378::1", "a Teredo address (IPv4 inside IPv6)"],
  ])("refuses %s as %s", (address, what) => {
    expect(nonPublicReason(address)).toBe(what);
  });

  it.each(["8.8.8.8", "140.82.112.3", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"])(
    "allows the public address %s",
    (address) => {
      expect(nonPublicReason(address)).toBeUndefined();
    },
  );
});

describe("target URLs", () => {
  it("accepts public http(s) URLs and names the problem of others", () => {
    expect(targetUrlProblem("https://hooks.example.com/ghsync", false)).toBeUndefined();
    expect(targetUrlProblem("ftp://example.com/", false)).toBe("must be an http:// or https:// URL");
    expect(targetUrlProblem("not a url", false)).toBe("must be an absolute http:// or https:// URL");
    expect(targetUrlProblem("https://user:pw@example.com/", false)).toBe(
      "must not contain a user name or password",
    );
    expect(targetUrlProblem("http://[::127.0.0.1]/hook", false)).toBe(
      "::7f00:1 is an IPv4-compatible address; only public addresses are allowed",
    );
    expect(targetUrlProblem("http://10.1.2.3/hook", false)).toBe(
      "10.1.2.3 is a private address; only public addresses are allowed",
    );
    expect(targetUrlProblem("http://[::1]:8080/hook", false)).toMatch(/^::1 is a loopback address/);
    expect(targetUrlProblem("http://10.1.2.3/hook", true)).toBeUndefined();
  });

  it("never shows a chat webhook's token", () => {
    expect(displayUrl("slack", "https://hooks.slack.com/services/T000/B000/XXXXSECRET")).toBe(
      "https://hooks.slack.com/services/T000/B000/…",
    );
    expect(displayUrl("discord", "https://discord.com/api/webhooks/123/tokenSECRET?wait=true")).toBe(
      "https://discord.com/api/webhooks/123/…",
    );
    expect(displayUrl("webhook", "https://example.com/in?key=SECRET")).toBe("https://example.com/in");
  });
});

describe("the outgoing HTTP client", () => {
  const post = createPoster({ allowPrivate: false, timeoutMs: 2_000 });
  it.each([
    "http://127.0.0.1:9/x",
    "http://10.0.0.1/x",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]:9/x",
  ])("refuses %s before connecting", async (url) => {
    await expect(post(url, "{}", {})).rejects.toBeInstanceOf(DestinationRefusedError);
  });

  it("gives up on a receiver that never answers, at its deadline", async () => {
    const silent = createServer(() => undefined); // accepts, reads, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const allowed = createPoster({ allowPrivate: true, timeoutMs: 200 });
      const started = Date.now();
      await expect(allowed(`http://127.0.0.1:${port}/`, "{}", {})).rejects.toThrow("no answer within 200 ms");
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("refuses a name that resolves to loopback", async () => {
    await expect(post("http://localhost:9/x", "{}", {})).rejects.toThrow(
      /refused to send to localhost:9: .* is a loopback address/,
    );
  });
});
