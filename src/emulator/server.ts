/**
 * The node:http server: /_emulator/… goes to the admin (free, no faults), /login/oauth/… to the
 * OAuth web flow (github.com's pages, outside the API: no rate limit), everything else through
 * the API pipeline. Only process concerns live here (listen, body size, errors, close).
 */
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorAdmin } from "./admin.js";
import type { ApiPipeline } from "./api-pipeline.js";
import { handleAdmin } from "./admin-routes.js";
import { readBody } from "./http-body.js";
import { parseOAuthBody, type OAuthAnswer, type OAuthFlow } from "./oauth.js";

async function handleAdminHttp(admin: EmulatorAdmin, req: IncomingMessage, res: ServerResponse, url: URL) {
  const body = req.method === "GET" || req.method === "HEAD" ? "" : await readBody(req);
  const result = await handleAdmin(admin, req.method ?? "GET", url.pathname, body);
  const text = typeof result.body === "string" ? result.body : JSON.stringify(result.body);
  res.writeHead(result.status, { "content-type": result.contentType ?? "application/json; charset=utf-8" });
  res.end(text);
}

async function handleOAuth(oauth: OAuthFlow, req: IncomingMessage, res: ServerResponse, url: URL) {
  let answer: OAuthAnswer;
  if (url.pathname === "/login/oauth/authorize" && req.method === "GET")
    answer = oauth.authorize(url.searchParams);
  else if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
    const body = parseOAuthBody(await readBody(req), req.headers["content-type"]);
    // GitHub also takes the parameters in the query string.
    answer = oauth.exchange({ ...Object.fromEntries(url.searchParams), ...body }, req.headers.accept);
  } else
    answer = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Not Found" };
  res.writeHead(answer.status, { ...answer.headers, "cache-control": "no-store" });
  res.end(answer.body);
}

export function createEmulatorServer(admin: EmulatorAdmin, api: ApiPipeline, oauth: OAuthFlow): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const work = url.pathname.startsWith("/_emulator/")
      ? handleAdminHttp(admin, req, res, url)
      : url.pathname.startsWith("/login/oauth/")
        ? handleOAuth(oauth, req, res, url)
        : api.handle(req, res, url);
    work.catch((error: unknown) => {
      console.error("[emulator] request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      if (!res.writableEnded) res.end(JSON.stringify({ message: "Server Error" }));
    });
  });
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
