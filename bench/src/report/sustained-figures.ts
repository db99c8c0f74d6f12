import { SUSTAINED_P99_MS, type SustainedRateResult } from '../scenarios/sustained-rate';
import type { LatencySummary } from '../support/percentiles';
import type { Figure } from './figures';
import { alignedText, markdownRows } from './tables';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const latency = ({ p50, p99, max }: LatencySummary) => `${whole(p50)} / ${whole(p99)} / ${whole(max)}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** B7, the headline: the highest rate carried within the bound; its steps are a table of their own. */
export function sustainedFigure({ sustained, steps }: SustainedRateResult): Figure {
  const missed = steps.find((step) => step.miss !== null);
  return {
    id: 'B7',
    what: `highest rate with p99 commit → handled ≤ ${SUSTAINED_P99_MS} ms, emails sent`,
    measured: `${missed ? '' : '≥ '}${whole(sustained)} videos/s`,
    comparison: missed ? `${missed.rate}/s missed: ${missed.miss}` : `every step up to ${steps[steps.length - 1]?.rate ?? 0}/s carried`,
    target: '≥ 600 videos/s',
    met: sustained >= 600,
  };
}

/** B7's step table: what each rate asked for, what got through, the latencies, the emails and the loops. */
function stepRows(result: SustainedRateResult): string[][] {
  return [
    [
      'videos/s asked',
      'answered / committed per s',
      'courses p50 / p99 / max ms',
      'users p50 / p99 / max ms',
      'emails accepted',
      'loops busy: videos, courses, users',
      `p99 ≤ ${SUSTAINED_P99_MS} ms`,
    ],
    ...result.steps.map((step) => [
      whole(step.rate),
      `${whole(step.load.rps)} / ${whole(step.committedPerSecond)}`,
      latency(step.courses),
      latency(step.users),
      `${whole(step.emails.accepted)} of ${whole(step.emails.expected)}`,
      [step.eventLoopUtilization.videos, step.eventLoopUtilization.courses, step.eventLoopUtilization.users].map(pct).join(', '),
      step.miss === null ? 'carried' : `MISSED: ${step.miss}`,
    ]),
  ];
}

export const sustainedStepsText = (result: SustainedRateResult) => `B7 steps\n${alignedText(stepRows(result))}`;
export const sustainedStepsMarkdown = (result: SustainedRateResult) => `B7 steps:\n\n${markdownRows(stepRows(result))}`;
