import type { ChannelModel, ConfirmChannel } from 'amqplib';

/**
 * Runs one operation on a fresh confirm channel and resolves with the broker's refusal (the message that
 * closed the channel), or with 'allowed' when the broker let it through and confirmed what was published.
 */
export async function outcomeOf(connection: ChannelModel, operation: (channel: ConfirmChannel) => unknown): Promise<string> {
  const channel = await connection.createConfirmChannel();
  const refused = new Promise<string>((resolve) => channel.once('error', (error: Error) => resolve(error.message)));
  const allowed = (async () => {
    await operation(channel);
    await channel.waitForConfirms();
    return 'allowed';
  })();
  allowed.catch(() => undefined);
  const outcome = await Promise.race([refused, allowed.catch(() => refused)]);
  if (outcome === 'allowed') await channel.close().catch(() => undefined);
  return outcome;
}
