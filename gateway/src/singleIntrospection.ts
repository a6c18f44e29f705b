import { GraphQLError, type ValidationRule } from "graphql";

/** Introspection fields, each of which walks the whole schema. */
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/**
 * One introspection field per operation. The operation limits count what the gateway fans out to
 * subgraphs, and introspection fans out nowhere: the gateway answers it on its own thread. Ten
 * aliases of `__schema` fit every limit yet return over a megabyte each time and hold the event loop
 * for hundreds of milliseconds; one is all a tool (the explorer, a code generator) ever sends.
 */
export const singleIntrospection: ValidationRule = (context) => {
  let seen = 0;
  return {
    Field(node) {
      if (!INTROSPECTION_ROOTS.has(node.name.value)) return;
      seen += 1;
      if (seen === 2) {
        context.reportError(
          // Apollo reports every validation rule's error as GRAPHQL_VALIDATION_FAILED (400).
          new GraphQLError("Operation refused: it asks for introspection (__schema or __type) more than once; ask once per operation", { nodes: [node] }),
        );
      }
    },
  };
};
