// Refuses operations nested deeper than a limit: every level can cost a database read per item, and
// `budgets { bindings { budget { bindings { ... } } } }` would otherwise let one request do unbounded work.
// Introspection fields are not counted: their depth is the schema's, and the cost limit bounds them.
import { Kind, type ASTNode, type FragmentDefinitionNode, type ValidationRule } from "graphql";
import { tooComplex } from "@/graphql/limits";

export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (node: ASTNode, depth: number, seen: Set<string>): number => {
      switch (node.kind) {
        case Kind.FIELD:
          if (node.name.value.startsWith("__")) return depth;
          return node.selectionSet ? Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, seen))) : depth;
        case Kind.INLINE_FRAGMENT:
        case Kind.OPERATION_DEFINITION:
          return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, seen)));
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(node.name.value);
          if (!fragment || seen.has(fragment.name.value)) return depth; // cycles are reported by graphql-js itself
          return depthOf({ ...fragment, kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition } as ASTNode, depth, new Set([...seen, fragment.name.value]));
        }
        default:
          return depth;
      }
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(tooComplex(`The operation is nested ${depth} levels deep; at most ${maxDepth} are allowed.`));
        }
      },
    };
  };
}
