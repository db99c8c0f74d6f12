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
import { relayDrain } from './scenarios/relay-drain';
import { sustainedRate } from './scenarios/sustained-rate';
import { tracingCost } from './scenarios/tracing-cost';
import type { BenchSettings } from './settings';

const round = (value: number) => Math.round(value).toLocaleString('en-US');

/** One scenario of the run: the measurement it fills, the scenarios its figures compare against, its progress line. */
export interface Scenario {
  name: string;
  needs: readonly string[];
  run(settings: BenchSettings, measurements: Measurements): Promise<void>;
}

/** A scenario run in a fresh database and vhost of its own, its result stored under `key`. */
function fresh<K extends keyof Measurements>(
  name: string,
  label: string,
  key: K,
  measure: (infra: FreshInfra, settings: BenchSettings) => Promise<NonNullable<Measurements[K]>>,
  line: (result: NonNullable<Measurements[K]>) => string,
  needs: readonly string[] = [],
): Scenario {
  return {
    name,
    needs,
    async run(settings, measurements) {
      progress(`${label}: running`);
      const started = performance.now();
      const result = await withFreshInfra((infra) => measure(infra, settings));
      measurements[key] = result;
      progress(`${label}: ${line(result)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
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
    const ratio = (pair: { classic: { perSecond: number }; quorum: { perSecond: number } }) => (pair.quorum.perSecond / pair.classic.perSecond).toFixed(2);
    progress(`B8: relay ${ratio(cluster.relay)}×, consumer ${ratio(cluster.consumer)}× of classic (${((performance.now() - started) / 1000).toFixed(1)} s)`);
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
  fresh('B1a', 'B1a raw express + pg insert', 'rawHttp', rawHttpInsert, (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed`),
  fresh(
    'B2',
    'B2 PUT /videos/:id',
    'httpWritePath',
    httpWritePath,
    (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed, outbox backlog ${r.outboxBacklogAtEnd}`,
    ['B1a'],
  ),
  fresh('B1b', 'B1b raw amqplib', 'rawBroker', rawBroker, (r) => `publish ${round(r.publishPerSecond)} msg/s, consume ${round(r.consumePerSecond)} msg/s`),
  fresh('B3', 'B3 relay drain', 'relay', relayDrain, (r) => `${round(r.perSecond)} events/s after a start of ${round(r.startSeconds * 1000)} ms`, ['B1b']),
  fresh('B4', 'B4 consumer drain', 'consumer', consumerDrain, (r) => `${round(r.perSecond)} events/s after a start of ${round(r.startSeconds * 1000)} ms`, ['B1b']),
  fresh(
    'B6',
    'B6 common way',
    'commonWay',
    commonWay,
    (r) => `publish ${round(r.publishPerSecond)} events/s, consume ${round(r.consumePerSecond)} events/s`,
    ['B3', 'B4'],
  ),
  fresh('B5', 'B5 end-to-end latency', 'latency', endToEndLatency, (r) =>
    [r.lowRate, r.target].map((at) => `at ${round(at.load.rps)}/s courses p99 ${round(at.courses.p99)} ms, users p99 ${round(at.users.p99)} ms`).join('; '),
  ),
  fresh('B7', 'B7 highest sustained rate', 'sustainedRate', sustainedRate, (r) => `${round(r.sustained)} videos/s carried, ${r.steps.length} steps`),
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
