// Shared jest setup: every workspace has unit, integration and acceptance projects, compiled by swc.
const path = require('node:path');

const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

function project(rootDir, name, extra = {}) {
  return {
    displayName: name,
    rootDir,
    testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
    transform,
    testEnvironment: 'node',
    // Workspace packages export their TypeScript sources under the "source" condition.
    testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
    ...extra,
  };
}

module.exports = function jestConfig(rootDir) {
  return {
    projects: [
      project(rootDir, 'unit'),
      project(rootDir, 'integration'),
      project(rootDir, 'acceptance'),
    ],
    passWithNoTests: true,
    testTimeout: 120_000,
    reporters: ['default', path.join(__dirname, 'scripts', 'jest-totals-reporter.js')],
  };
};
