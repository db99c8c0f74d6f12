import type { Figure } from './figures';

const HEADERS = ['', 'figure', 'measured', 'compared', 'target', ''];

const cells = (figure: Figure) => [
  figure.id,
  figure.what,
  figure.measured,
  figure.comparison,
  figure.target,
  figure.met === null ? '' : figure.met ? 'met' : 'MISSED',
];

/** The figures as an aligned plain-text table for the terminal. */
export function terminalTable(figures: readonly Figure[]): string {
  const rows = [HEADERS, ...figures.map(cells)];
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(rows[0] ?? []), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same figures as a markdown table. */
export function markdownTable(figures: readonly Figure[]): string {
  const row = (values: string[]) => `| ${values.join(' | ')} |`;
  return [
    row(['', 'figure', 'measured', 'compared', 'target', 'met']),
    row(HEADERS.map(() => '---')),
    ...figures.map((f) => row(cells(f))),
  ].join('\n');
}
