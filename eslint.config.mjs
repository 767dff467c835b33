// Lint is part of the test (`npm test` runs `npm run lint`). Next.js's rules (React, hooks, Core Web
// Vitals) and typescript-eslint's, with the TypeScript compiler's own unused checks on top
// (tsconfig.json: noUnusedLocals, noUnusedParameters). A rule the team disagrees with is turned off here,
// with its reason, never silenced inline.
import next from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", "graphql/generated/**", ".data/**", "tools/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "e2e/screenshots/**"] },
  ...next,
  ...nextTypescript,
  {
    rules: {
      // Unused code is an error; a leading underscore marks a parameter a signature requires but the body does not use.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // `import()` types and `require` appear only where a config file or a loader needs them.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["**/*.test.ts", "tests/**", "e2e/**", "scripts/bench.ts", "scripts/bench/**"],
    rules: {
      // node:test helpers such as useTestDatabase() are named like hooks but are not React's.
      "react-hooks/rules-of-hooks": "off",
      // Tests and the bench walk JSON answers of whatever shape the server sent; asserting is what checks them.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // A server component: it renders once per request, and "now" is that request's time.
    files: ["components/ui/time-ago.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Build and bootstrap scripts run in plain Node, before or beside the app.
    files: ["scripts/**/*.mjs", "*.config.*"],
    rules: { "import/no-anonymous-default-export": "off" },
  },
);
