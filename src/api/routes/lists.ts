/**
 * The mirror's rows as lists (docs/http-api.md, "Lists of mirrored rows"): commits, pull requests,
 * reviews and comments of a repository (`/api/repos/:owner/:repo/…`) or of a person
 * (`/api/users/:login/…`), and a repository's triaged issues. `?format=csv|json` (or `Accept:
 * text/csv`) answers the whole filtered list as a download instead of one page.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  listComments,
  listCommits,
  listIssues,
  listPulls,
  listReviews,
  wholeList,
  type ListTarget,
} from "../../app/mirror-lists.js";
import { loginParams, repoParams } from "../../contract/common.js";
import {
  commentsQuery,
  commitsQuery,
  issueListQuery,
  listedComment,
  listedCommit,
  listedIssue,
  listedPull,
  listedReview,
  pullsQuery,
  reviewsQuery,
} from "../../contract/lists.js";
import { page, type Page } from "../../contract/page.js";
import { toCsv } from "../csv.js";
import type { RepoVisibility } from "../../app/repo-visibility.js";
import { hiddenFrom } from "../private-repositories.js";
import type { ApiContext } from "../server.js";

/** An export's rows at most: beyond, its `next_cursor` (JSON) or `X-Next-Cursor` (CSV) goes on. */
export const MAX_EXPORT_ROWS = 50_000;

type Format = "csv" | "json" | "page";

/** `?format=` first; else `Accept: text/csv` preferred over JSON asks for CSV; else a page. */
function formatOf(request: FastifyRequest, format: "csv" | "json" | undefined): Format {
  if (format) return format;
  const types = (request.headers.accept ?? "").split(",").map((part) => part.split(";")[0]?.trim());
  const csv = types.indexOf("text/csv");
  const json = types.indexOf("application/json");
  return csv >= 0 && (json < 0 || csv < json) ? "csv" : "page";
}

const columnsOf = (item: z.ZodObject) => Object.keys(item.shape);
const idCursor = (cursor: string | undefined) => (cursor === undefined ? undefined : Number(cursor));

type ListQuery = { format?: "csv" | "json"; cursor?: string | number; limit?: number };

/**
 * One page of the list, or (an export) the whole list from the cursor on as a download. `read`
 * gets the query without format and paging, and the page to read.
 */
async function answerList<Q extends ListQuery, T extends object>(
  request: FastifyRequest & { query: Q },
  reply: FastifyReply,
  spec: {
    /** The download's name, without extension. */
    name: string;
    item: z.ZodObject;
    read: (
      query: Omit<Q, "format" | "cursor" | "limit">,
      cursor: string | undefined,
      limit?: number,
    ) => Promise<Page<T>>;
  },
): Promise<Page<T> | FastifyReply> {
  const { format: asked, cursor: at, limit, ...query } = request.query;
  const cursor = at === undefined ? undefined : String(at);
  const read = (from: string | undefined, size: number | undefined) => spec.read(query, from, size);
  const format = formatOf(request, asked);
  if (format === "page") return read(cursor, limit);
  const whole = await wholeList(read, cursor, limit ?? MAX_EXPORT_ROWS);
  const file = `${spec.name.replace(/[^\w.-]+/g, "_")}.${format}`;
  reply.header("content-disposition", `attachment; filename="${file}"`);
  if (format === "json") return reply.send(whole);
  if (whole.next_cursor) reply.header("x-next-cursor", whole.next_cursor);
  return reply
    .type("text/csv; charset=utf-8")
    .send(toCsv(columnsOf(spec.item), whole.items as unknown as Record<string, unknown>[]));
}

export function listRoutes(
  { database, settings }: ApiContext,
  visibility: RepoVisibility,
): FastifyPluginAsyncZod {
  const db = database.db;
  const options = { botLogins: settings.botLogins };
  const subjects = [
    {
      prefix: "/api/repos/:owner/:repo",
      params: repoParams,
      whose: "a repository's",
      of: (params: Record<string, string>) => ({
        target: { repo: `${params.owner}/${params.repo}` } as ListTarget,
        name: `${params.owner}-${params.repo}`,
      }),
    },
    {
      prefix: "/api/users/:login",
      params: loginParams,
      whose: "a person's (their linked accounts', as the metrics count them)",
      of: (params: Record<string, string>) => ({
        target: { person: params.login as string } as ListTarget,
        name: params.login as string,
      }),
    },
  ];
  return async (app) => {
    for (const subject of subjects) {
      const schema = <Q, I extends z.ZodObject>(querystring: Q, item: I, description: string) => ({
        schema: { params: subject.params, querystring, response: { 200: page(item) }, description },
      });
      app.get(
        `${subject.prefix}/commits`,
        schema(
          commitsQuery,
          listedCommit,
          `Default-branch commits, ${subject.whose}, newest commit time first.`,
        ),
        async (request, reply) => {
          const { target, name } = subject.of(request.params as Record<string, string>);
          const listOptions = { ...options, hidden: await hiddenFrom(visibility, request) };
          return answerList(request, reply, {
            name: `${name}-commits`,
            item: listedCommit,
            read: (query, cursor, limit) => listCommits(db, target, { ...query, cursor, limit }, listOptions),
          });
        },
      );
      app.get(
        `${subject.prefix}/pulls`,
        schema(
          pullsQuery,
          listedPull,
          `Pull requests, ${subject.whose}, newest first, with their cycle, pickup and review time and size.`,
        ),
        async (request, reply) => {
          const { target, name } = subject.of(request.params as Record<string, string>);
          const listOptions = { ...options, hidden: await hiddenFrom(visibility, request) };
          return answerList(request, reply, {
            name: `${name}-pulls`,
            item: listedPull,
            read: (query, cursor, limit) =>
              listPulls(db, target, { ...query, cursor: idCursor(cursor), limit }, listOptions),
          });
        },
      );
      app.get(
        `${subject.prefix}/reviews`,
        schema(reviewsQuery, listedReview, `Pull request reviews, ${subject.whose}, newest first.`),
        async (request, reply) => {
          const { target, name } = subject.of(request.params as Record<string, string>);
          const listOptions = { ...options, hidden: await hiddenFrom(visibility, request) };
          return answerList(request, reply, {
            name: `${name}-reviews`,
            item: listedReview,
            read: (query, cursor, limit) =>
              listReviews(db, target, { ...query, cursor: idCursor(cursor), limit }, listOptions),
          });
        },
      );
      app.get(
        `${subject.prefix}/comments`,
        schema(
          commentsQuery,
          listedComment,
          `Issue and pull request conversation comments, ${subject.whose}, newest first.`,
        ),
        async (request, reply) => {
          const { target, name } = subject.of(request.params as Record<string, string>);
          const listOptions = { ...options, hidden: await hiddenFrom(visibility, request) };
          return answerList(request, reply, {
            name: `${name}-comments`,
            item: listedComment,
            read: (query, cursor, limit) =>
              listComments(db, target, { ...query, cursor: idCursor(cursor), limit }, listOptions),
          });
        },
      );
    }
    app.get(
      "/api/repos/:owner/:repo/issues",
      {
        schema: {
          params: repoParams,
          querystring: issueListQuery,
          response: { 200: page(listedIssue) },
          description:
            "Issues with severity, SLA, priority (0–100) and blocker flag, highest priority first.",
        },
      },
      async (request, reply) => {
        const { owner, repo } = request.params;
        return answerList(request, reply, {
          name: `${owner}-${repo}-issues`,
          item: listedIssue,
          read: (query, cursor, limit) =>
            listIssues(db, `${owner}/${repo}`, { ...query, cursor, limit }, options),
        });
      },
    );
  };
}
