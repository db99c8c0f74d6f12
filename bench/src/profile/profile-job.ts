import type { BenchSettings } from '../settings';
import type { SqlCounts } from './sql-counter';

export type ProfiledScenario = 'B2' | 'B4';

/** From `pnpm bench:profile` to the scenario's process. */
export interface ProfileJob {
  scenario: ProfiledScenario;
  settings: BenchSettings;
  /** Where the process writes its .cpuprofile. */
  profilePath: string;
}

/** One profiled run, within the scenario's measured window: saved as JSON, the "before" of a later run. */
export interface ProfileSummary {
  scenario: ProfiledScenario;
  perSecond: number;
  events: number;
  cpuMsPerEvent: number;
  sql: SqlCounts;
  /** Milliseconds of profile samples per component (components.ts): shares, not CPU (see profile-table.ts). */
  sampledMsByComponent: Record<string, number>;
}

export type ProfileReport = { summary: ProfileSummary } | { error: string };
