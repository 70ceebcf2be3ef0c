/**
 * GitHub's limits on a GraphQL query, computed before it runs (pure), as GitHub documents them
 * (https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api):
 * - every connection needs `first` or `last`, from 1 to 100;
 * - nodes = Σ over connections of its page size times the page sizes of the connections around
 *   it; at most 500,000;
 * - cost = the requests needed to fill every connection (each connection once per node of the
 *   connections around it, a top-level one once) ÷ 100, rounded, at least 1.
 * `@skip`/`@include` are honoured; fragments count where they are spread.
 */
import {
  getNamedType,
  GraphQLBoolean,
  GraphQLInt,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export const MAX_PAGE_SIZE = 100;
export const MAX_NODES = 500_000;

export interface LimitError {
  type: string;
  message: string;
  path: string[];
}

export interface QueryCost {
  nodes: number;
  requests: number;
  cost: number;
  errors: LimitError[];
}

type Variables = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  nodes: number;
  requests: number;
  errors: LimitError[];
}

export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Variables,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  const walk: Walk = { schema, fragments, variables, nodes: 0, requests: 0, errors: [] };
  if (root) visit(walk, operation.selectionSet, root, 1, [operation.operation]);
  if (walk.nodes > MAX_NODES)
    walk.errors.push({
      type: "MAX_NODE_LIMIT_EXCEEDED",
      message: `This query requests up to ${walk.nodes.toLocaleString("en")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en")}.`,
      path: [operation.operation],
    });
  return {
    nodes: walk.nodes,
    requests: walk.requests,
    cost: Math.max(1, Math.round(walk.requests / 100)),
    errors: walk.errors,
  };
}

function included(walk: Walk, node: { directives?: readonly DirectiveNode[] | undefined }): boolean {
  for (const directive of node.directives ?? []) {
    const condition = directive.arguments?.find((argument) => argument.name.value === "if");
    if (!condition) continue;
    const value = valueFromAST(condition.value, GraphQLBoolean, walk.variables) === true;
    if (directive.name.value === "skip" && value) return false;
    if (directive.name.value === "include" && !value) return false;
  }
  return true;
}

function visit(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  multiplier: number,
  path: string[],
): void {
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) visitField(walk, selection, parent, multiplier, path);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined)
        : parent;
      if (type) visit(walk, selection.selectionSet, type, multiplier, path);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type =
        fragment && (walk.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType);
      if (fragment && type) visit(walk, fragment.selectionSet, type, multiplier, path);
    }
  }
}

function visitField(
  walk: Walk,
  field: FieldNode,
  parent: GraphQLCompositeType,
  multiplier: number,
  path: string[],
): void {
  if (!isObjectType(parent) && !isInterfaceType(parent)) return;
  const definition = parent.getFields()[field.name.value];
  if (!definition || !field.selectionSet) return;
  const type = getNamedType(definition.type);
  if (!isCompositeType(type)) return;
  const here = [...path, field.alias?.value ?? field.name.value];
  let inner = multiplier;
  if (type.name.endsWith("Connection")) {
    const size = pageSize(walk, field, here);
    walk.requests += multiplier;
    walk.nodes += multiplier * size;
    inner = multiplier * size;
  }
  visit(walk, field.selectionSet, type, inner, here);
}

/** The connection's `first` or `last`; a missing or out-of-range one is an error (counted as 100). */
function pageSize(walk: Walk, field: FieldNode, path: string[]): number {
  const argument = (name: string) => {
    const node = field.arguments?.find((candidate) => candidate.name.value === name);
    const value = node ? valueFromAST(node.value, GraphQLInt, walk.variables) : undefined;
    return typeof value === "number" ? value : undefined;
  };
  const name = field.name.value;
  const first = argument("first");
  const last = argument("last");
  const given = first ?? last;
  if (given === undefined) {
    walk.errors.push({
      type: "MISSING_PAGINATION_BOUNDARIES",
      message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      path,
    });
    return MAX_PAGE_SIZE;
  }
  const which = first !== undefined ? "first" : "last";
  if (given > MAX_PAGE_SIZE || given < 1) {
    walk.errors.push({
      type: "EXCESSIVE_PAGINATION",
      message:
        given < 1
          ? `\`${which}\` on the \`${name}\` connection cannot be less than 1.`
          : `Requesting ${given} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE_SIZE} records.`,
      path,
    });
    return Math.max(0, given);
  }
  return given;
}
