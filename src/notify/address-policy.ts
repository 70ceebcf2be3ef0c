/**
 * Which addresses outgoing requests (webhooks, Slack, Discord) may reach: public ones only, unless
 * GHSYNC_ALLOW_PRIVATE_WEBHOOKS=1. A user-defined URL must not become a way to reach the server's
 * own network (SSRF): loopback, private, link-local (cloud metadata at 169.254.169.254), shared,
 * multicast and reserved ranges are refused. Ranges: IANA special-purpose registries
 * (https://www.iana.org/assignments/iana-ipv4-special-registry, …/iana-ipv6-special-registry).
 */
import { BlockList, isIP } from "node:net";

const RANGES: [network: string, prefix: number, family: "ipv4" | "ipv6", what: string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified (this-network) address"],
  ["10.0.0.0", 8, "ipv4", "a private address"],
  ["100.64.0.0", 10, "ipv4", "a shared (carrier-grade NAT) address"],
  ["127.0.0.0", 8, "ipv4", "a loopback address"],
  ["169.254.0.0", 16, "ipv4", "a link-local address"],
  ["172.16.0.0", 12, "ipv4", "a private address"],
  ["192.0.0.0", 24, "ipv4", "a reserved (IETF protocol) address"],
  ["192.0.2.0", 24, "ipv4", "a documentation address"],
  ["192.168.0.0", 16, "ipv4", "a private address"],
  ["198.18.0.0", 15, "ipv4", "a benchmarking address"],
  ["198.51.100.0", 24, "ipv4", "a documentation address"],
  ["203.0.113.0", 24, "ipv4", "a documentation address"],
  ["224.0.0.0", 4, "ipv4", "a multicast address"],
  ["240.0.0.0", 4, "ipv4", "a reserved address"],
  ["::", 128, "ipv6", "an unspecified address"],
  ["::1", 128, "ipv6", "a loopback address"],
  // IPv4 inside IPv6 would otherwise smuggle 127.0.0.1: mapped (::ffff:7f00:1), compatible
  // (::127.0.0.1, deprecated but still parsed), through a NAT64 gateway (64:ff9b::7f00:1), or a
  // 6to4 or Teredo relay (2002:7f00:1::, 2001:0::).
  ["::ffff:0:0", 96, "ipv6", "an IPv4-mapped address"],
  ["::", 96, "ipv6", "an IPv4-compatible address"],
  ["64:ff9b::", 96, "ipv6", "a NAT64 address (IPv4 inside IPv6)"],
  ["64:ff9b:1::", 48, "ipv6", "a local-use NAT64 address"],
  ["2002::", 16, "ipv6", "a 6to4 address (IPv4 inside IPv6)"],
  ["2001::", 32, "ipv6", "a Teredo address (IPv4 inside IPv6)"],
  ["100::", 64, "ipv6", "a discard-only address"],
  ["2001:db8::", 32, "ipv6", "a documentation address"],
  ["fc00::", 7, "ipv6", "a unique-local (private) address"],
  ["fe80::", 10, "ipv6", "a link-local address"],
  ["ff00::", 8, "ipv6", "a multicast address"],
];

const lists = RANGES.map(([network, prefix, family, what]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, what };
});

/** Why `address` is not a public one (e.g. "a loopback address"); undefined when it is public. */
export function nonPublicReason(address: string): string | undefined {
  const version = isIP(address);
  if (version === 0) return "not an IP address";
  const family = version === 4 ? "ipv4" : "ipv6";
  return lists.find((entry) => entry.family === family && entry.list.check(address, family))?.what;
}

/** The host of a URL as an IP literal (brackets of IPv6 removed), or undefined for a name. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(bare) === 0 ? undefined : bare;
}
