import { SUSTAINED_P99_MS, type SustainedRateResult } from '../scenarios/sustained-rate';
import type { LatencySummary } from '../support/percentiles';
import type { Figure } from './figures';
import { alignedText, markdownRows } from './tables';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const latency = ({ p50, p99, max }: LatencySummary) => `${whole(p50)} / ${whole(p99)} / ${whole(max)}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

const carried = ({ sustained, steps }: SustainedRateResult) =>
  `${steps.some((step) => step.miss !== null) ? '' : '≥ '}${whole(sustained)} videos/s`;

function howItEnded({ steps }: SustainedRateResult): string {
  const missed = steps.find((step) => step.miss !== null);
  return missed ? `${missed.rate}/s missed: ${missed.miss}` : `every step up to ${steps[steps.length - 1]?.rate ?? 0}/s carried`;
}

/** B7, the headline: the highest rate carried within the bound; its steps are a table of their own. */
export function sustainedFigure(result: SustainedRateResult, raw?: SustainedRateResult): Figure {
  return {
    id: 'B7',
    what: `highest rate with p99 commit → handled ≤ ${SUSTAINED_P99_MS} ms, emails sent`,
    measured: carried(result),
    comparison: `${howItEnded(result)}${raw && raw.sustained > 0 ? `; ${(result.sustained / raw.sustained).toFixed(2)}× B7 raw` : ''}`,
    target: '≥ 600 videos/s',
    met: result.sustained >= 600,
  };
}

/** B7 raw: the same steps and bound through the same hops made with the least code, B7's baseline. */
export function sustainedRawFigure(result: SustainedRateResult): Figure {
  return {
    id: 'B7r',
    what: 'raw: the same hops, no outbox, inbox or retries',
    measured: carried(result),
    comparison: `baseline; ${howItEnded(result)}`,
    target: '',
    met: null,
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

export const sustainedStepsText = (result: SustainedRateResult, id = 'B7') => `${id} steps\n${alignedText(stepRows(result))}`;
export const sustainedStepsMarkdown = (result: SustainedRateResult, id = 'B7') => `${id} steps:\n\n${markdownRows(stepRows(result))}`;
