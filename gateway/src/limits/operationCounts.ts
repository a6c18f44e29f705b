import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { Kind, Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from "graphql";

/** What graphql-armor counts of one operation, fragments included. */
export interface OperationCounts {
  depth: number;
  aliases: number;
  directives: number;
}

export interface OperationCounter {
  /** Run during validation: each counts every operation of the document and remembers it. */
  rules: ValidationRule[];
  /** The counts of one operation; validates with `rules` alone if the document was never validated with them. */
  countsOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationCounts | undefined;
}

/**
 * graphql-armor's depth, alias and directive rules, given no limit (`n: Infinity`) so that each
 * accepts and reports its count (`onAccept`): the limits are applied later, with their own codes.
 * Each rule counts every operation of a document in document order; the counts are kept per
 * document (weakly: a document Apollo drops from its cache takes them with it).
 */
export function operationCounter(): OperationCounter {
  const counts = new WeakMap<DocumentNode, Record<keyof OperationCounts, number[]>>();
  const counter = (name: keyof OperationCounts) => (context: ValidationContext | null, { n }: { n: number }) => {
    // The validation rules always pass their context; only armor's token parser passes null.
    if (!context) return;
    const document = context.getDocument();
    let found = counts.get(document);
    if (!found) counts.set(document, (found = { depth: [], aliases: [], directives: [] }));
    found[name].push(n);
  };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: Number.POSITIVE_INFINITY, onAccept: [counter("depth")] }),
    maxAliasesRule({ n: Number.POSITIVE_INFINITY, onAccept: [counter("aliases")] }),
    maxDirectivesRule({ n: Number.POSITIVE_INFINITY, onAccept: [counter("directives")] }),
  ];
  return {
    rules,
    countsOf(schema, document, operation) {
      if (!counts.has(document)) validate(schema, document, rules);
      const found = counts.get(document);
      const index = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).indexOf(operation);
      if (!found || index < 0) return undefined;
      return { depth: found.depth[index]!, aliases: found.aliases[index]!, directives: found.directives[index]! };
    },
  };
}

/** Lexical tokens in a document, as graphql-js's `maxTokens` counts them (for reports: the gateway stops parsing at its limit instead). */
export function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}
