// A tool's credential-field pattern, evaluated with RE2 (re2js, a pure JavaScript port): matching takes
// time linear in the value, whatever the pattern. Patterns are written by whoever creates a tool, and
// JavaScript's backtracking engine spends exponential time on some of them ("(a+)+$" against "aaa…!"),
// which let one account stall the dashboard for everyone. The one place a pattern is compiled: tool
// validation, the server's credential checks and the dashboard form's hint in the browser all call this.
import { RE2JS } from "re2js";

// RE2's "cost" of a compiled pattern: matching is linear in the value times this. Honest patterns stay
// far below it (the catalog's are under 40); nested counted repetitions ("(\p{L}{30}){30}") do not.
const MAX_PROGRAM_SIZE = 500;

export type TPatternResult = "match" | "mismatch" | "unsupported";

type TCompiled = { re: RE2JS; problem: null } | { re: null; problem: string };

// A form checks a few patterns many times; a server sees few distinct ones. Bounded all the same.
const compiled = new Map<string, TCompiled>();
const MAX_CACHED = 200;

function compile(pattern: string): TCompiled {
  let entry = compiled.get(pattern);
  if (entry) return entry;
  try {
    const re = RE2JS.compile(pattern);
    entry = re.programSize() > MAX_PROGRAM_SIZE ? { re: null, problem: "is too complex to check (simplify its repetitions)" } : { re, problem: null };
  } catch (error) {
    // RE2's message names the construct it refused (e.g. "invalid or unsupported Perl syntax: `(?=`").
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : "invalid syntax";
    entry = { re: null, problem: `is not a pattern Vaultline can check (RE2 syntax: no backreferences or lookarounds): ${detail}` };
  }
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
  compiled.set(pattern, entry);
  return entry;
}

/** Why a pattern cannot be used, or null when it can (the message completes "Pattern …"). */
export function patternProblem(pattern: string): string | null {
  return compile(pattern).problem;
}

/** Whether the whole value matches. "unsupported": a pattern stored before RE2 was required, that RE2 refuses. */
export function testPattern(pattern: string, value: string): TPatternResult {
  const { re } = compile(pattern);
  if (!re) return "unsupported";
  return re.testExact(value) ? "match" : "mismatch";
}

/**
 * RE2 as ajv's regular expression engine, for the `pattern` and `patternProperties` of tool input
 * schemas: those run in the gateway on every call's input, so they must not backtrack either. JSON
 * Schema patterns search (they are not anchored), as `test` does. A pattern RE2 refuses makes the schema
 * fail to compile, which is a field error when the tool is saved.
 */
export const re2RegExpEngine = Object.assign(
  (pattern: string): { test: (value: string) => boolean; toString: () => string } => {
    const entry = compile(pattern);
    if (!entry.re) throw new Error(`pattern "${pattern}" ${entry.problem}`);
    const re = entry.re;
    // ajv keeps compiled patterns keyed by their toString(): each must say which pattern it is, or every
    // schema pattern would share the first one compiled.
    return { test: (value: string) => re.test(value), toString: () => `/${pattern}/u` };
  },
  { code: "re2RegExpEngine" },
);
