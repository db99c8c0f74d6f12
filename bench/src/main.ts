import { dropInfraOnExit, withFreshInfra, type FreshInfra } from './fresh-infra';
import { progress } from './progress';
import { figuresOf, type Measurements } from './report/figures';
import { describeMachine, watchConditions } from './report/machine';
import { terminalTable } from './report/tables';
import { writeResults } from './report/write-results';
import { clusterAnswers, clusterBroker, clusterQuorum } from './scenarios/cluster-quorum';
import { commonWay } from './scenarios/common-way';
import { consumerDrain } from './scenarios/consumer-drain';
import { endToEndLatency } from './scenarios/end-to-end-latency';
import { httpWritePath } from './scenarios/http-write-path';
import { rawBroker } from './scenarios/raw-broker';
import { rawHttpInsert } from './scenarios/raw-http-insert';
import { relayDrain } from './scenarios/relay-drain';
import { tracingCost } from './scenarios/tracing-cost';
import { tracingFigures } from './report/tracing-figures';
import { settingsFrom, type BenchSettings } from './settings';

const round = (value: number) => Math.round(value).toLocaleString('en-US');

/** `pnpm bench [--quick]`: every scenario in order, each in a fresh database and vhost, then the summary. */
async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  dropInfraOnExit();
  const startedAt = new Date();
  const began = performance.now();
  const machine = await describeMachine();
  const watch = await watchConditions();
  progress(
    `${settings.mode} run on ${machine.cores} cores, ${machine.memoryGiB} GiB; node ${machine.node}, postgres ${machine.postgres}, rabbitmq ${machine.rabbitmq}`,
  );

  const run = async <T>(
    label: string,
    scenario: (infra: FreshInfra, s: BenchSettings) => Promise<T>,
    line: (result: T) => string,
  ): Promise<T> => {
    progress(`${label}: running`);
    const started = performance.now();
    const result = await withFreshInfra((infra) => scenario(infra, settings));
    progress(`${label}: ${line(result)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  };

  const rawHttp = await run(
    'B1a raw express + pg insert',
    rawHttpInsert,
    (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed`,
  );
  const httpWrite = await run(
    'B2 PUT /videos/:id',
    httpWritePath,
    (r) => `${round(r.rps)} req/s, p99 ${r.p99} ms, ${r.failed} failed, outbox backlog ${r.outboxBacklogAtEnd}`,
  );
  const broker = await run(
    'B1b raw amqplib',
    rawBroker,
    (r) => `publish ${round(r.publishPerSecond)} msg/s, consume ${round(r.consumePerSecond)} msg/s`,
  );
  const relay = await run('B3 relay drain', relayDrain, (r) => `${round(r.perSecond)} events/s`);
  const consumer = await run('B4 consumer drain', consumerDrain, (r) => `${round(r.perSecond)} events/s`);
  const common = await run(
    'B6 common way',
    commonWay,
    (r) => `publish ${round(r.publishPerSecond)} events/s, consume ${round(r.consumePerSecond)} events/s`,
  );
  const latency = await run('B5 end-to-end latency', endToEndLatency, (r) =>
    [r.lowRate, r.target]
      .map((at) => `at ${round(at.load.rps)}/s courses p99 ${round(at.courses.p99)} ms, users p99 ${round(at.users.p99)} ms`)
      .join('; '),
  );

  let cluster = null;
  if (await clusterAnswers()) {
    progress('B8 quorum on the cluster vs classic on one node: running');
    const started = performance.now();
    cluster = await clusterQuorum(settings);
    const ratio = (pair: { classic: { perSecond: number }; quorum: { perSecond: number } }) => (pair.quorum.perSecond / pair.classic.perSecond).toFixed(2);
    progress(`B8: relay ${ratio(cluster.relay)}×, consumer ${ratio(cluster.consumer)}× of classic (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  } else {
    progress(`B8 not measured: no cluster answers at ${new URL(clusterBroker.managementUrl).host} (start one with make cluster)`);
  }


  // Each in processes of its own, which make their own databases and vhosts.
  progress('B2 and B4 with tracing off and on: running');
  const tracing = await tracingCost(settings, progress);

  const measurements: Measurements = { rawHttp, rawBroker: broker, httpWritePath: httpWrite, relay, consumer, latency, commonWay: common, clusterQuorum: cluster, tracing };
  const figures = [...figuresOf(measurements), ...tracingFigures(tracing)];
  const conditions = await watch.finish();
  const seconds = (performance.now() - began) / 1000;
  const command = `pnpm bench${settings.mode === 'quick' ? ' --quick' : ''}`;
  const files = await writeResults({
    startedAt: startedAt.toISOString(),
    seconds,
    command,
    settings,
    machine,
    conditions,
    measurements,
    figures,
  });
  console.log(`\n${terminalTable(figures)}\n`);
  if (conditions.brokerInterrupted || conditions.databaseRestarted)
    progress('WARNING: the broker or the database restarted during the run; the figures are suspect');
  progress(`done in ${seconds.toFixed(1)} s; results in ${files.md} and ${files.json}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    progress(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
