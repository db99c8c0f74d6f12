import { check, count, histogram, type Check, type Figures, type VerdictInput } from './checks';
import { emailFigures, poisonFigures, videoFigures } from './delivery-checks';
import { RECOVERY_LIMIT_SECONDS, secondsBetween, type FaultOutcome } from './fault-schedule';
import type { HttpAttempt } from './recording-client';

export interface Verdict {
  figures: Figures;
  faults: Array<{ name: string; outageSeconds: number | null; recoverSeconds: number | null; unavailable: number; unanswered: number; error?: string }>;
  checks: Check[];
  passed: boolean;
}

// A dependency is down from the moment a fault starts until every service is ready again; poison breaks none.
// An attempt belongs to a fault when the two overlap: a request started just before the fault can fail in it.
const overlaps = (attempt: HttpAttempt, outcome: FaultOutcome) => attempt.endedAt >= outcome.startedAt && attempt.at <= (outcome.readyAt ?? Number.POSITIVE_INFINITY);
const breaksADependency = (outcome: FaultOutcome) => !outcome.name.includes('poison');

function httpFigures(input: VerdictInput, figures: Figures, checks: Check[]): void {
  const duringFault = (attempt: HttpAttempt) => input.outcomes.some((outcome) => breaksADependency(outcome) && overlaps(attempt, outcome));
  const { attempts } = input;
  const errors = attempts.filter((a) => a.status >= 500 || a.status === 0);
  const bad = errors.filter((a) => (a.status !== 503 && a.status !== 0) || !duringFault(a));
  figures.push(
    ['http', 'requests (every attempt)', attempts.length],
    ['http', 'statuses', Object.entries(histogram(attempts.map((a) => (a.status === 0 ? 'no answer' : a.status)))).map(([s, n]) => `${s}: ${n}`).join(', ')],
    ['http', '503 / no answer while a dependency was down', `${count(errors, (a) => a.status === 503 && duringFault(a))} / ${count(errors, (a) => a.status === 0 && duringFault(a))}`],
    ['http', 'other 5xx, or 503 / no answer outside a fault', bad.length],
  );
  const sample = bad.slice(0, 3).map((a) => `${a.status || 'no answer'} ${a.method} ${a.route} (${a.service})`);
  checks.push(check('no 5xx but 503 while a dependency was down', bad.length === 0, sample.join('; ') || 'none'));
}

function faultFigures(input: VerdictInput, checks: Check[]): Verdict['faults'] {
  const faults = input.outcomes.map((o) => {
    const during = input.attempts.filter((a) => overlaps(a, o));
    return {
      name: o.name,
      outageSeconds: secondsBetween(o.startedAt, o.repairedAt),
      recoverSeconds: secondsBetween(o.repairedAt, o.readyAt),
      unavailable: count(during, (a) => a.status === 503),
      unanswered: count(during, (a) => a.status === 0),
      ...(o.error ? { error: o.error } : {}),
    };
  });
  const slow = faults.filter((f) => f.error || f.recoverSeconds === null || f.recoverSeconds > RECOVERY_LIMIT_SECONDS);
  checks.push(
    check(`every service ready within ${RECOVERY_LIMIT_SECONDS} s after each fault`, slow.length === 0 && faults.length === 4, slow.map((f) => `${f.name}: ${f.error ?? `${f.recoverSeconds} s`}`).join('; ') || 'all recovered'),
  );
  return faults;
}

/** The figures and the checks of the suite, from what the load did and what the platform then showed. */
export function judge(input: VerdictInput): Verdict {
  const figures: Figures = [];
  const checks: Check[] = [];
  checks.push(check('the platform settled in time', input.unsettled.length === 0, input.unsettled.join('; ') || 'settled'));
  videoFigures(input, figures, checks);
  emailFigures(input, figures, checks);
  poisonFigures(input, figures, checks);
  httpFigures(input, figures, checks);
  const faults = faultFigures(input, checks);
  for (const [phase, seconds] of Object.entries(input.timings)) figures.push(['time', phase, `${seconds.toFixed(1)} s`]);
  return { figures, faults, checks, passed: checks.every((c) => c.passed) };
}
