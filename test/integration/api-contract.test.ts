/**
 * The HTTP contract as published: every /api operation documents its success answer (or, for the
 * browser steps of "Sign in with GitHub", its redirect) in
 * /api/docs/json (from the zod schemas in src/contract), and lists page the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "../../src/contract/page.js";
import type { Person } from "../../src/contract/people.js";
import { startTestServer, type TestServer } from "../helpers/server-harness.js";

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; description?: string }>;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({});
});
afterAll(() => server?.close());

describe("the published contract", () => {
  it("documents a success answer for every /api operation", async () => {
    const docs = (await (await fetch(`${server.url}/api/docs/json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const undocumented: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(docs.paths)) {
      if (!path.startsWith("/api/") || path.startsWith("/api/docs")) continue;
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        // A redirect is the success of a browser step (Sign in with GitHub): documented by its status.
        const success = Object.entries(operation.responses ?? {}).filter(
          ([status]) => status.startsWith("2") || status.startsWith("3"),
        );
        const described = success.some(
          ([status, answer]) =>
            status === "204" ||
            status.startsWith("3") ||
            answer.content?.["application/json"]?.schema !== undefined,
        );
        if (!described) undocumented.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(operations).toBeGreaterThan(40);
    expect(undocumented).toEqual([]);
  });

  it("pages a list to its end with next_cursor null on the last page, never an empty one after it", async () => {
    for (const login of ["ada", "bob", "cy", "dee"]) {
      const created = await server.api("/api/users", { method: "POST", body: JSON.stringify({ login }) });
      expect(created.status).toBe(201);
    }
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const answer = (await (await server.api(`/api/users?limit=2${query}`)).json()) as Page<Person>;
      seen.push(...answer.items.map((person) => person.login));
      pages.push(answer.items.length);
      cursor = answer.next_cursor;
    }
    expect(seen).toEqual(["ada", "bob", "cy", "dee"]);
    expect(pages).toEqual([2, 2]);
    const refused = await server.api("/api/sync/jobs?cursor=abc");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("marks every API answer as data: no sniffing, no framing, not cached (errors too)", async () => {
    for (const path of ["/api/repos", "/api/nothing-here", "/api/health"]) {
      const answer = await server.api(path);
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    const unauthorized = await fetch(`${server.url}/api/repos`);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("x-content-type-options")).toBe("nosniff");
    // The explorer is a page with scripts of its own: not under the API's policy.
    const explorer = await fetch(`${server.url}/api/docs/`);
    expect(explorer.headers.get("content-security-policy")).not.toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });

  it("answers 204 with no body", async () => {
    const removed = await server.api("/api/users/dee", { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await removed.text()).toBe("");
  });
});
