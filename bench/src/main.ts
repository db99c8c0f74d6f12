import { dropInfraOnExit } from './fresh-infra';
import { progress } from './progress';
import { figuresOf, type Measurements } from './report/figures';
import { describeMachine, watchConditions } from './report/machine';
import { cpuText } from './report/cpu-figures';
import { sustainedStepsText } from './report/sustained-figures';
import { terminalTable } from './report/tables';
import { writeResults } from './report/write-results';
import { tracingFigures } from './report/tracing-figures';
import { selectScenarios } from './scenario-list';
import { settingsFrom } from './settings';

/** `pnpm bench [--quick] [--only B7,...]`: the scenarios in order, each in a fresh database and vhost, then the summary. */
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

  const measurements: Measurements = {};
  for (const scenario of selectScenarios(settings.only)) await scenario.run(settings, measurements);

  const figures = [...figuresOf(measurements), ...(measurements.tracing ? tracingFigures(measurements.tracing) : [])];
  const conditions = await watch.finish();
  const seconds = (performance.now() - began) / 1000;
  const command = ['pnpm bench', ...process.argv.slice(2)].join(' ');
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
  if (measurements.sustainedRateRaw) console.log(`${sustainedStepsText(measurements.sustainedRateRaw, 'B7r')}\n`);
  if (measurements.sustainedRate) console.log(`${sustainedStepsText(measurements.sustainedRate)}\n`);
  const cpu = cpuText(measurements);
  if (cpu) console.log(`${cpu}\n`);
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
