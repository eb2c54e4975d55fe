// @ts-check
/**
 * The layering, as data: for each top-level folder, the folders it may not import. Data flows one
 * way, bot → client → workflows → activities → records (Prisma); config, i18n and domain sit
 * below everything; slack/ (the wording of Slack messages) sits below the bot and the activities;
 * operators/ holds what CBSA operators and support agents use beside the Web UI (the codec server,
 * the support tool), a client of the workflows like the bot; service/ is the composition root; dev/ holds the local stand-ins for what is outside this
 * machine. eslint.config.mjs turns each entry into a no-restricted-imports rule.
 */
const ABOVE_PRODUCT = ['test', 'bench', 'testkit', 'scripts'];
const APPLICATION = [
  'bot',
  'operators',
  'client',
  'workflows',
  'activities',
  'records',
  'prisma',
  'sign-in',
  'service',
  'dev',
];

/** @type {Record<string, { mayNotImport: string[], why: string }>} */
export const LAYERS = {
  config: {
    mayNotImport: [...APPLICATION, 'domain', 'i18n', 'slack', ...ABOVE_PRODUCT],
    why: 'configuration is the bottom layer.',
  },
  i18n: {
    mayNotImport: [...APPLICATION, 'config', 'domain', 'slack', ...ABOVE_PRODUCT],
    why: 'catalogues are strings and grammar only.',
  },
  domain: {
    mayNotImport: [...APPLICATION, 'config', 'slack', ...ABOVE_PRODUCT],
    why: 'the domain depends on nothing but its catalogue.',
  },
  prisma: {
    mayNotImport: [
      'bot',
      'operators',
      'client',
      'workflows',
      'activities',
      'records',
      'sign-in',
      'service',
      'dev',
      'slack',
      ...ABOVE_PRODUCT,
    ],
    why: 'the schema and its client are the bottom of the data flow.',
  },
  records: {
    mayNotImport: [
      'bot',
      'operators',
      'client',
      'workflows',
      'activities',
      'sign-in',
      'service',
      'dev',
      'slack',
      ...ABOVE_PRODUCT,
    ],
    why: 'the read model only reads the database.',
  },
  slack: {
    mayNotImport: [...APPLICATION, ...ABOVE_PRODUCT],
    why: 'Slack wording sits below the bot and the activities: it turns meanings into Block Kit.',
  },
  activities: {
    mayNotImport: ['bot', 'operators', 'client', 'workflows', 'sign-in', 'service', 'dev', ...ABOVE_PRODUCT],
    why: 'activities are called by workflows and call only records, ports and wording.',
  },
  workflows: {
    mayNotImport: [
      'bot',
      'operators',
      'client',
      'records',
      'prisma',
      'sign-in',
      'service',
      'dev',
      'slack',
      'config',
      ...ABOVE_PRODUCT,
    ],
    why: 'workflow code is deterministic and reaches the world only through activities.',
  },
  client: {
    mayNotImport: [
      'bot',
      'operators',
      'activities',
      'records',
      'prisma',
      'sign-in',
      'service',
      'dev',
      'slack',
      ...ABOVE_PRODUCT,
    ],
    why: 'the client is the facade to the workflows, for the bot and any other front end.',
  },
  'sign-in': {
    mayNotImport: [
      'bot',
      'operators',
      'client',
      'workflows',
      'activities',
      'service',
      'dev',
      'slack',
      ...ABOVE_PRODUCT,
    ],
    why: 'the sign-in pages hand a verified credential to the bot; they do not drive workflows.',
  },
  bot: {
    mayNotImport: ['workflows', 'activities', 'prisma', 'service', 'dev', ...ABOVE_PRODUCT],
    why: 'the bot reaches Temporal through client/ and the database through records/.',
  },
  operators: {
    mayNotImport: ['bot', 'workflows', 'activities', 'prisma', 'service', 'dev', 'sign-in', ...ABOVE_PRODUCT],
    why: 'operator tools reach Temporal through client/ and the database through records/, as the bot does.',
  },
  dev: {
    mayNotImport: ['bot', 'operators', 'client', 'workflows', 'service', 'sign-in', ...ABOVE_PRODUCT],
    why: 'stand-ins play what is outside this machine; they know nothing of the service.',
  },
  service: { mayNotImport: ABOVE_PRODUCT, why: 'the service composes the product, never its tests.' },
  testkit: { mayNotImport: ['test', 'bench'], why: 'helpers shared by tests and benchmarks belong to neither.' },
  test: { mayNotImport: ['bench'], why: 'tests share helpers with benchmarks through testkit/.' },
  bench: { mayNotImport: ['test'], why: 'benchmarks share helpers with tests through testkit/.' },
};
