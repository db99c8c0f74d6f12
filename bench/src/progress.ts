/** Progress lines on stderr while the run goes, so stdout keeps only the table. */
export function progress(message: string): void {
  const time = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[${time}] ${message}\n`);
}
