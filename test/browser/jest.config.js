/** `npm run test:browser`: the tests that drive a real headless Chromium (Debian's, /usr/bin/chromium). */
const base = require("../../jest.config.js");

module.exports = {
  ...base,
  rootDir: "../..",
  testMatch: ["<rootDir>/test/browser/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 120000,
};
