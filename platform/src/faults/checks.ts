import type { FaultOutcome } from './fault-schedule';
import type { SeededCourse, VideoLoad } from './load-generator';
import type { Observations } from './observations';
import type { PoisonMessage } from './poison-messages';
import type { HttpAttempt } from './recording-client';

// What every check of the suite reads and writes.

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export type Figures = Array<[group: string, figure: string, value: string | number]>;

export interface VerdictInput {
  courses: readonly SeededCourse[];
  plannedVideos: number;
  load: VideoLoad;
  attempts: readonly HttpAttempt[];
  outcomes: readonly FaultOutcome[];
  poison: readonly PoisonMessage[];
  observations: Observations;
  unsettled: readonly string[];
  /** Seconds each phase took, shown as they are. */
  timings: Record<string, number>;
}

export const count = <T>(items: Iterable<T>, keep: (item: T) => boolean) => [...items].filter(keep).length;
export const check = (name: string, passed: boolean, detail: string): Check => ({ name, passed, detail });


export function histogram(values: Array<string | number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const value of values) result[String(value)] = (result[String(value)] ?? 0) + 1;
  return result;
}
