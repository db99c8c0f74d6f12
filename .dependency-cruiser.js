// The dependency rule of the architecture contract, checked on every `pnpm test`:
// domain <- application <- infrastructure, and packages never reach into a service.
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the shared kernel and itself.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { pathNot: ['^services/[^/]+/src/domain/', '^packages/shared-kernel/', '^node:'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: 'node_modules' },
    },
    {
      name: 'application-knows-no-infrastructure',
      comment: 'Use cases and handlers depend on ports, never on knex, amqplib, express or our adapters.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/application/' },
      to: { path: ['^services/[^/]+/src/infrastructure/', 'node_modules/(knex|pg|amqplib|express|nodemailer)/', '^packages/(messaging|service-kit)/'] },
    },
    {
      name: 'console-application-knows-no-infrastructure',
      comment: 'The console has a service\'s inner shape: its use cases see ports, never HTTP, express or fetch adapters.',
      severity: 'error',
      from: { path: '^console/src/(application|domain)/' },
      to: { path: ['^console/src/infrastructure/', 'node_modules/(express|amqplib|helmet)/'] },
    },
    {
      name: 'shared-kernel-has-no-io',
      severity: 'error',
      from: { path: '^packages/shared-kernel/src/' },
      to: { path: 'node_modules/(knex|pg|amqplib|express|pino|nodemailer)/' },
    },
    {
      name: 'no-service-to-service',
      comment: 'Services share nothing but packages/: no import crosses from one service into another.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-do-not-know-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/dist/', '/node_modules/\\.pnpm/.*/node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'require', 'node', 'default'], exportsFields: ['exports'] },
  },
};
