import type { BenchSettings } from '../settings';

/** Tracing as a scenario's process runs it: not started, started without an exporter, started and exporting. */
export type TracingMode = 'off' | 'ids-only' | 'exported';

export type TracedScenario = 'B2' | 'B4';

/** From the bench to a traced scenario's process. */
export interface TracingJob {
  scenario: TracedScenario;
  settings: BenchSettings;
}

/** One scenario run in one mode: its rate, and the CPU its process spent per event (or request) while measured. */
export interface TracedRun {
  scenario: TracedScenario;
  mode: TracingMode;
  perSecond: number;
  events: number;
  cpuMsPerEvent: number;
}

/** From a traced scenario's process to the bench. */
export type TracingReport = { result: Omit<TracedRun, 'mode'> } | { error: string };
