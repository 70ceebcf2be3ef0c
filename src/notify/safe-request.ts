/**
 * The one way notify/ makes an HTTP request to a user-given URL: a POST with an explicit deadline,
 * no redirects followed (a 3xx is an answer, recorded as a failure), and — unless private targets
 * are allowed — every address the host resolves to checked before connecting. The check runs in
 * the socket's own `lookup`, so the address connected to is the address checked (no DNS
 * rebinding between a check and the request).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { GhsyncError } from "../util/errors.js";
import { literalAddress, nonPublicReason } from "./address-policy.js";

export interface PostResult {
  status: number;
  /** Where a 3xx pointed (not followed). */
  location: string | undefined;
}

export type PostJson = (url: string, body: string, headers: Record<string, string>) => Promise<PostResult>;

/** The destination is not a public address: nothing was sent. */
export class DestinationRefusedError extends GhsyncError {
  constructor(host: string, address: string, what: string) {
    super(
      "destination_refused",
      `refused to send to ${host}: ${address} is ${what}; outgoing webhooks reach public addresses only (GHSYNC_ALLOW_PRIVATE_WEBHOOKS=1 allows private ones)`,
      { status: 400 },
    );
    this.name = "DestinationRefusedError";
  }
}

/** Refuses `host` when it is, or resolves to, any address that is not public. */
export function checkedLookup(host: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      for (const { address } of addresses) {
        const what = nonPublicReason(address);
        if (what) return callback(new DestinationRefusedError(host, address, what), "", 0);
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      return callback(null, first?.address ?? "", first?.family ?? 4);
    });
  };
}

export function createPoster(options: { allowPrivate: boolean; timeoutMs: number }): PostJson {
  return (url, body, headers) => {
    const target = new URL(url);
    const literal = literalAddress(target.hostname);
    const what = literal !== undefined ? nonPublicReason(literal) : undefined;
    if (!options.allowPrivate && literal !== undefined && what)
      return Promise.reject(new DestinationRefusedError(target.host, literal, what));
    const client = target.protocol === "https:" ? https : http;
    return new Promise<PostResult>((resolve, reject) => {
      const request = client.request(target, {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        ...(options.allowPrivate ? {} : { lookup: checkedLookup(target.host) }),
      });
      // One deadline for connect, send and the answer's headers (a slow receiver cannot hold a worker).
      const deadline = setTimeout(
        () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
        options.timeoutMs,
      );
      request.on("response", (response) => {
        clearTimeout(deadline);
        // Only the status matters: the body is not read, so a slow or endless one cannot hold the worker.
        response.destroy();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
      });
      request.on("error", (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.end(body);
    });
  };
}
