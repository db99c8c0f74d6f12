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

/** Rows (the first is the header) as an aligned plain-text table for the terminal. */
export function alignedText(rows: readonly string[][]): string {
  const header = rows[0] ?? [];
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Rows (the first is the header) as a markdown table. */
export function markdownRows(rows: readonly string[][]): string {
  const row = (values: readonly string[]) => `| ${values.join(' | ')} |`;
  const header = rows[0] ?? [];
  return [row(header), row(header.map(() => '---')), ...rows.slice(1).map(row)].join('\n');
}

/** The figures as an aligned plain-text table for the terminal. */
export function terminalTable(figures: readonly Figure[]): string {
  return alignedText([HEADERS, ...figures.map(cells)]);
}

/** The same figures as a markdown table. */
export function markdownTable(figures: readonly Figure[]): string {
  return markdownRows([['', 'figure', 'measured', 'compared', 'target', 'met'], ...figures.map(cells)]);
}
