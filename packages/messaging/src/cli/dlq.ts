// `pnpm dlq list <queue>` and `pnpm dlq replay <queue> [--limit N]`: inspect and replay a handler's dead letters.
import { config as loadDotenv } from 'dotenv';
import { listDeadLetters, replayDeadLetters } from '../dead-letters';

async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const [command, queue, ...rest] = argv;
  const url = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const limitAt = rest.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : undefined;
  if (!queue || (command !== 'list' && command !== 'replay') || (limit !== undefined && !(limit > 0))) {
    console.error('usage: pnpm dlq list <handler queue> | pnpm dlq replay <handler queue> [--limit N]');
    return 2;
  }
  if (command === 'list') {
    const report = await listDeadLetters(url, queue, limit);
    console.log(`${report.queue}: ${report.count} dead letter(s)`);
    for (const [reason, count] of Object.entries(report.byReason)) console.log(`  ${reason}: ${count}`);
    for (const m of report.messages) console.log(`  - ${m.messageId ?? '(no id)'} ${m.type ?? ''} ${m.reason} after ${m.attempts} attempt(s): ${m.error}`);
    return 0;
  }
  const moved = await replayDeadLetters(url, queue, limit);
  console.log(`replayed ${moved} message(s) from ${queue}.dead_letter to ${queue}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dlq: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
