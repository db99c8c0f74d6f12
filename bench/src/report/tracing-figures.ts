import type { TracingCostResult } from '../scenarios/tracing-cost';
import type { TracedRun, TracedScenario, TracingMode } from '../tracing-cost/tracing-job';
import type { Figure } from './figures';

const labels: Record<TracedScenario, { what: string; unit: string }> = {
  B2: { what: 'PUT /videos/:id', unit: 'req' },
  B4: { what: 'consumer: inbox + 1 write', unit: 'event' },
};
const modes: Record<Exclude<TracingMode, 'off'>, string> = {
  'ids-only': 'tracing on, nothing exported',
  exported: 'tracing on, every span exported',
};

/**
 * B2 and B4 with tracing against the same scenario with tracing off, measured in the same run: the rate's
 * ratio (the bound: at most 10 % lost with every span exported) and the CPU per event of each.
 */
export function tracingFigures(result: TracingCostResult): Figure[] {
  // The mean of the rounds of one scenario in one mode.
  const find = (scenario: TracedScenario, mode: TracingMode): Pick<TracedRun, 'perSecond' | 'cpuMsPerEvent'> => {
    const runs = result.runs.filter((r) => r.scenario === scenario && r.mode === mode);
    if (runs.length === 0) throw new Error(`no ${scenario} run with tracing ${mode}`);
    const mean = (value: (run: TracedRun) => number) => runs.reduce((sum, run) => sum + value(run), 0) / runs.length;
    return { perSecond: mean((run) => run.perSecond), cpuMsPerEvent: mean((run) => run.cpuMsPerEvent) };
  };
  return (['B2', 'B4'] as const).flatMap((scenario) => {
    const off = find(scenario, 'off');
    const { what, unit } = labels[scenario];
    return (['ids-only', 'exported'] as const).map((mode): Figure => {
      const on = find(scenario, mode);
      const ratio = on.perSecond / off.perSecond;
      const cpu = on.cpuMsPerEvent / off.cpuMsPerEvent - 1;
      return {
        id: scenario,
        what: `${what}, ${modes[mode]}`,
        measured: `${Math.round(on.perSecond).toLocaleString('en-US')} ${unit}/s, ${on.cpuMsPerEvent.toFixed(2)} CPU ms each`,
        comparison: `${ratio.toFixed(2)}× off (${Math.round(off.perSecond).toLocaleString('en-US')}/s, ${off.cpuMsPerEvent.toFixed(2)} ms); CPU ${cpu >= 0 ? '+' : ''}${Math.round(cpu * 100)}%`,
        target: mode === 'exported' ? '≥ 0.9× off' : '',
        met: mode === 'exported' ? ratio >= 0.9 : null,
      };
    });
  });
}
