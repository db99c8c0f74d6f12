import { RECOVERY_LIMIT_SECONDS } from './fault-schedule';
import type { Verdict } from './verdict';

const seconds = (value: number | null) => (value === null ? '-' : value.toFixed(1));

/** The verdict as plain-text tables, for a terminal and for a CI log. */
export function renderReport(verdict: Verdict, title: string): string {
  const lines = [title, ''];
  const nameWidth = Math.max(...verdict.faults.map((f) => f.name.length), 5);
  lines.push(`  ${'fault'.padEnd(nameWidth)}  outage s  recover s  HTTP 503  no answer  ready within ${RECOVERY_LIMIT_SECONDS} s`);
  for (const fault of verdict.faults) {
    const ok = !fault.error && fault.recoverSeconds !== null && fault.recoverSeconds <= RECOVERY_LIMIT_SECONDS;
    const note = fault.error ? `no: ${fault.error}` : ok ? 'yes' : 'no';
    const cells = [seconds(fault.outageSeconds).padStart(8), seconds(fault.recoverSeconds).padStart(9), String(fault.unavailable).padStart(8), String(fault.unanswered).padStart(9)];
    lines.push(`  ${fault.name.padEnd(nameWidth)}  ${cells.join('  ')}  ${note}`);
  }
  lines.push('');
  const figureWidth = Math.max(...verdict.figures.map(([, figure]) => figure.length));
  for (const [group, figure, value] of verdict.figures) lines.push(`  ${group.padEnd(7)} ${figure.padEnd(figureWidth)}  ${value}`);
  lines.push('');
  for (const check of verdict.checks) lines.push(`  ${check.passed ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  const passed = verdict.checks.filter((check) => check.passed).length;
  lines.push('', `${verdict.passed ? 'PASSED' : 'FAILED'}: ${passed} of ${verdict.checks.length} checks`);
  return `${lines.join('\n')}\n`;
}
