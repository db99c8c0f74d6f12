// `pnpm dlq list|replay|retry|discard <queue> …`: a handler's dead letters from the command line. The console's
// dead-letter page calls the same functions (dead-letters.ts).
import { config as loadDotenv } from 'dotenv';
import { discardDeadLetter, listDeadLetters, replayDeadLetter, replayDeadLetters } from '../dead-letters';

const USAGE = [
  'usage: pnpm dlq list <handler queue> [--limit N]',
  '       pnpm dlq replay <handler queue> [--limit N]   (every dead letter, oldest first)',
  '       pnpm dlq retry <handler queue> <event id>     (one dead letter back to its queue)',
  '       pnpm dlq discard <handler queue> <event id>   (one dead letter deleted for good)',
].join('\n');

async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const [command, queue, ...rest] = argv;
  const url = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const limitAt = rest.indexOf('--limit');
  const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : undefined;
  const eventId = rest[0];
  const oneMessage = command === 'retry' || command === 'discard';
  const known = command === 'list' || command === 'replay' || oneMessage;
  if (!queue || !known || (limit !== undefined && !(limit > 0)) || (oneMessage && !eventId)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'list') {
    const report = await listDeadLetters(url, queue, limit);
    console.log(`${report.queue}: ${report.count} dead letter(s)`);
    for (const [reason, count] of Object.entries(report.byReason)) console.log(`  ${reason}: ${count}`);
    for (const m of report.messages) console.log(`  - ${m.messageId ?? '(no id)'} ${m.type ?? ''} ${m.reason} after ${m.attempts} attempt(s): ${m.error}`);
    return 0;
  }
  if (command === 'replay') {
    const moved = await replayDeadLetters(url, queue, limit);
    console.log(`replayed ${moved} message(s) from ${queue}.dead_letter to ${queue}`);
    return 0;
  }
  const done = command === 'retry' ? await replayDeadLetter(url, queue, eventId!) : await discardDeadLetter(url, queue, eventId!);
  if (!done) {
    console.error(`dlq: no dead letter ${eventId} in ${queue}.dead_letter`);
    return 1;
  }
  console.log(command === 'retry' ? `retried ${eventId}: back in ${queue}` : `discarded ${eventId} from ${queue}.dead_letter`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dlq: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
