/**
 * One GraphQL request, as GitHub answers it: the body parsed, the query validated against
 * GitHub's schema, GitHub's limits checked and its cost computed (query-cost.ts) before anything
 * runs, GitHub's 10-second timeout modelled by nodes requested (a 502), the primary budget
 * charged (a RATE_LIMITED error when it cannot pay), then the query executed over the world
 * (objects.ts). Errors take GitHub's form: `type` beside `message`, `path` and `locations`.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type SelectionNode,
} from "graphql";
import type { Scope } from "./objects.js";
import { queryCost } from "./query-cost.js";
import { queryRoot, type RateLimitView } from "./root.js";
import { githubSchema } from "./schema.js";

export interface GraphqlBudget {
  limit: number;
  used(): number;
  resetAt(): string;
  charge(points: number): void;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  /** Points charged to the budget (0 when the query did not run). */
  charged: number;
  outcome: "graphql" | "rate_limited" | "fault" | "free";
  /** The operation that ran (its name, or "anonymous"). */
  operation?: string;
}

export interface GraphqlRequest {
  body: string;
  scope: Scope;
  budget: GraphqlBudget;
  /** Queries requesting more nodes take GitHub longer than its 10 s: a 502. */
  timeoutNodes: number;
  requestId: string;
  /** For RATE_LIMITED's message ("… for user ID 1."). */
  subjectId: number;
}

const NOT_IMPLEMENTED = "notImplemented";

/** Fields are the objects' properties (functions are called with the arguments); others are errors. */
const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _context, info) => {
  if (source !== null && typeof source === "object" && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === "function" ? (value as (args: unknown) => unknown)(args) : value;
  }
  throw new GraphQLError(
    `Field '${info.parentType.name}.${info.fieldName}' is not implemented by the ghsync emulator`,
    {
      extensions: { code: NOT_IMPLEMENTED },
    },
  );
};

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
  (value as { __typename?: string } | null)?.__typename;

/** GitHub's error shape: its `type` (NOT_FOUND, RATE_LIMITED…) at the top, not in extensions. */
function githubError(
  error: GraphQLError | { message: string; type?: string; path?: readonly (string | number)[] },
) {
  if (!(error instanceof GraphQLError)) return error;
  const { type, ...extensions } = (error.extensions ?? {}) as { type?: string } & Record<string, unknown>;
  return {
    ...(type ? { type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  };
}

const errors = (list: readonly Parameters<typeof githubError>[0][]) => ({ errors: list.map(githubError) });

function parseBody(text: string): { query?: unknown; variables?: unknown; operationName?: unknown } | null {
  try {
    const body = JSON.parse(text) as unknown;
    return body !== null && typeof body === "object" ? body : null;
  } catch {
    return null;
  }
}

export function answerGraphql(request: GraphqlRequest): GraphqlAnswer {
  const free = (status: number, body: unknown): GraphqlAnswer => ({
    status,
    body,
    charged: 0,
    outcome: "free",
  });
  const body = parseBody(request.body);
  if (!body)
    return free(400, {
      message: "Problems parsing JSON",
      documentation_url: "https://docs.github.com/graphql",
    });
  if (typeof body.query !== "string")
    return free(200, errors([{ message: "A query attribute must be specified and must be a string." }]));
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return free(200, errors([error as GraphQLError]));
  }
  const schema = githubSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return free(200, errors(invalid));
  const operation = getOperationAST(document, operationName);
  if (!operation) return free(200, errors([{ message: "No operation named in a document of several" }]));
  const cost = queryCost(schema, operation, document, variables);
  if (cost.errors.length > 0) return free(200, errors(cost.errors));
  if (cost.nodes > request.timeoutNodes)
    return {
      status: 502,
      body: {
        data: null,
        errors: [
          {
            message: `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${request.requestId}\` when reporting this issue.`,
          },
        ],
      },
      charged: 0,
      outcome: "fault",
    };
  const { budget } = request;
  const dryRunOnly = isDryRun(operation.selectionSet.selections);
  if (!dryRunOnly && budget.limit - budget.used() < cost.cost)
    return {
      status: 200,
      body: errors([
        {
          type: "RATE_LIMITED",
          message: `API rate limit already exceeded for user ID ${request.subjectId}.`,
        },
      ]),
      charged: 0,
      outcome: "rate_limited",
    };
  if (!dryRunOnly) budget.charge(cost.cost);
  const rateLimit = (dryRun: boolean): RateLimitView => ({
    limit: budget.limit,
    cost: cost.cost,
    remaining: Math.max(0, budget.limit - budget.used() - (dryRun ? cost.cost : 0)),
    used: budget.used(),
    resetAt: budget.resetAt(),
    nodeCount: cost.nodes,
  });
  const result = execute({
    schema,
    document,
    rootValue: queryRoot(request.scope, rateLimit),
    variableValues: variables,
    operationName,
    fieldResolver,
    typeResolver,
  }) as Awaited<ReturnType<typeof execute>>;
  return {
    status: 200,
    body: { data: result.data ?? null, ...(result.errors?.length ? errors(result.errors) : {}) },
    charged: dryRunOnly ? 0 : cost.cost,
    outcome: "graphql",
    operation: operation.name?.value ?? "anonymous",
  };
}

/** A query asking only `rateLimit(dryRun: true)`: priced, not charged. */
function isDryRun(selections: readonly SelectionNode[]): boolean {
  return selections.every(
    (selection) =>
      selection.kind === "Field" &&
      selection.name.value === "rateLimit" &&
      selection.arguments?.some(
        (argument) =>
          argument.name.value === "dryRun" && argument.value.kind === "BooleanValue" && argument.value.value,
      ),
  );
}
