import { withFreshInfra, type FreshInfra } from './fresh-infra';
import { progress } from './progress';
import type { Measurements } from './report/figures';
import { clusterAnswers, clusterBroker, clusterQuorum } from './scenarios/cluster-quorum';
import { commonWay } from './scenarios/common-way';
import { consumerDrain } from './scenarios/consumer-drain';
import { endToEndLatency } from './scenarios/end-to-end-latency';
import { httpWritePath } from './scenarios/http-write-path';
import { rawBroker } from './scenarios/raw-broker';
import { rawHttpInsert } from './scenarios/raw-http-insert';
import { rawSteadyRate } from './scenarios/raw-steady-rate';
import { relayDrain } from './scenarios/relay-drain';
import { sustainedRate } from './scenarios/sustained-rate';
import { tracingCost } from './scenarios/tracing-cost';
import type { BenchSettings } from './settings';

const round = (value: number) => Math.round(value).toLocaleString('en-US');
const drainLine = (r: { perSecond: number; startSeconds: number }) =>
  `${round(r.perSecond)} events/s after a start of ${round(r.startSeconds * 1000)} ms`;

/** One scenario of the run: the measurement it fills, the scenarios its figures compare against, its progress line. */
export interface Scenario {
  name: string;
  needs: readonly string[];
  run(settings: BenchSettings, measurements: Measurements): Promise<void>;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The run whose `rate` is the median of the runs'. */
const medianRun =
  <R>(rate: (result: R) => number) =>
  (results: readonly R[]): R =>
    results.find((result) => rate(result) === median(results.map(rate))) as R;

/**
 * A scenario run in a fresh database and vhost of its own, its result stored under `key`. With `combine`,
 * it runs `drainRounds` times, each in fresh ones, and `combine` makes the reported result of them.
 */
function fresh<K extends keyof Measurements>(
  name: string,
  label: string,
  key: K,
  measure: (infra: FreshInfra, settings: BenchSettings) => Promise<NonNullable<Measurements[K]>>,
  line: (result: NonNullable<Measurements[K]>) => string,
  needs: readonly string[] = [],
  combine?: (results: ReadonlyArray<NonNullable<Measurements[K]>>) => NonNullable<Measurements[K]>,
): Scenario {
  return {
    name,
    needs,
    async run(settings, measurements) {
      progress(`${label}: running`);
      const started = performance.now();
      const rounds = combine ? settings.drainRounds : 1;
      const results: Array<NonNullable<Measurements[K]>> = [];
      for (let i = 1; i <= rounds; i += 1) {
        results.push(await withFreshInfra((infra) => measure(infra, settings)));
        if (rounds > 1) progress(`${label}: round ${i} of ${rounds}: ${line(results.at(-1) as NonNullable<Measurements[K]>)}`);
      }
      const result = combine && rounds > 1 ? combine(results) : (results[0] as NonNullable<Measurements[K]>);
      measurements[key] = result;
      progress(
        `${label}: ${rounds > 1 ? `median of ${rounds}: ` : ''}${line(result)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    },
  };
}

const clusterScenario: Scenario = {
  name: 'B8',
  needs: [],
  async run(settings, measurements) {
    if (!(await clusterAnswers())) {
      measurements.clusterQuorum = null;
      progress(`B8 not measured: no cluster answers at ${new URL(clusterBroker.managementUrl).host} (start one with make cluster)`);
      return;
    }
    progress('B8 quorum on the cluster vs classic on one node: running');
    const started = performance.now();
    const cluster = await clusterQuorum(settings);
    measurements.clusterQuorum = cluster;
    const ratio = (pair: { classic: { perSecond: number }; quorum: { perSecond: number } }) =>
      (pair.quorum.perSecond / pair.classic.perSecond).toFixed(2);
    progress(
      `B8: relay ${ratio(cluster.relay)}×, consumer ${ratio(cluster.consumer)}× of classic (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  },
};

const tracingScenario: Scenario = {
  name: 'tracing',
  needs: [],
  async run(settings, measurements) {
    // Each in processes of its own, which make their own databases and vhosts.
    progress('B2 and B4 with tracing off and on: running');
    measurements.tracing = await tracingCost(settings, progress);
  },
};

/** Every scenario in the order a full run measures them; `--only` picks some, with what they need. */
export const scenarios: readonly Scenario[] = [
  fresh(
    'B1a',
    'B1a raw express + pg insert',
    'rawHttp',
    rawHttpInsert,
    (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed`,
  ),
  fresh(
    'B2',
    'B2 PUT /videos/:id',
    'httpWritePath',
    httpWritePath,
    (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed, outbox backlog ${r.outboxBacklogAtEnd}`,
    ['B1a'],
  ),
  fresh(
    'B1b',
    'B1b raw amqplib',
    'rawBroker',
    rawBroker,
    (r) => `publish ${round(r.publishPerSecond)} msg/s, consume ${round(r.consumePerSecond)} msg/s`,
    [],
    (results) => ({
      messages: results[0]?.messages ?? 0,
      publishPerSecond: median(results.map((r) => r.publishPerSecond)),
      consumePerSecond: median(results.map((r) => r.consumePerSecond)),
    }),
  ),
  fresh(
    'B3',
    'B3 relay drain',
    'relay',
    relayDrain,
    drainLine,
    ['B1b'],
    medianRun((r) => r.perSecond),
  ),
  fresh(
    'B4',
    'B4 consumer drain',
    'consumer',
    consumerDrain,
    drainLine,
    ['B1b'],
    medianRun((r) => r.perSecond),
  ),
  fresh(
    'B6',
    'B6 common way',
    'commonWay',
    commonWay,
    (r) => `publish ${round(r.publishPerSecond)} events/s, consume ${round(r.consumePerSecond)} events/s`,
    ['B3', 'B4'],
  ),
  fresh(
    'B1c',
    'B1c raw server at a steady rate',
    'rawSteadyRate',
    rawSteadyRate,
    (r) => `${r.cpuMsPerRequest.toFixed(2)} ms CPU per request at ${r.rate}/s, p99 ${round(r.load.p99)} ms, ${r.load.failed} failed`,
  ),
  fresh(
    'B5',
    'B5 end-to-end latency',
    'latency',
    endToEndLatency,
    (r) =>
      [r.lowRate, r.target]
        .map((at) => `at ${round(at.load.rps)}/s courses p99 ${round(at.courses.p99)} ms, users p99 ${round(at.users.p99)} ms`)
        .join('; '),
    ['B1c'],
  ),
  fresh(
    'B7r',
    'B7 raw: the same hops with the least code',
    'sustainedRateRaw',
    (infra, settings) => sustainedRate(infra, settings, true),
    (r) => `${round(r.sustained)} videos/s carried, ${r.steps.length} steps`,
  ),
  fresh(
    'B7',
    'B7 highest sustained rate',
    'sustainedRate',
    sustainedRate,
    (r) => `${round(r.sustained)} videos/s carried, ${r.steps.length} steps`,
    ['B7r'],
  ),
  clusterScenario,
  tracingScenario,
];

/** The scenarios `--only` names, with every scenario they compare against, in the full run's order. */
export function selectScenarios(only: readonly string[] | null): readonly Scenario[] {
  if (!only) return scenarios;
  const wanted = new Set<string>();
  const add = (name: string) => {
    const scenario = scenarios.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!scenario) throw new Error(`no scenario ${name}; one of ${scenarios.map((s) => s.name).join(', ')}`);
    wanted.add(scenario.name);
    scenario.needs.forEach(add);
  };
  only.forEach(add);
  return scenarios.filter((s) => wanted.has(s.name));
}
