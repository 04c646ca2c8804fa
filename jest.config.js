/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  // Installs the simulated Forge runtime (globals read by @forge/api, @forge/kvs, @forge/events) before any test module loads.
  setupFiles: ['<rootDir>/test/setup/forge-runtime.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
    // jira.js ships ES modules only; sim/jira/contract.ts loads a few of its zod models, transpiled to CommonJS here.
    '/node_modules/jira\\.js/dist/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jira\\.js/)'],
};
