import type { ConfirmChannel, Options } from 'amqplib';

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

function drained(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      channel.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      channel.off('drain', onDrain);
      reject(new Error('channel closed while waiting for drain'));
    };
    channel.once('drain', onDrain);
    channel.once('close', onClose);
  });
}

/**
 * Publishes messages pipelined on a confirm channel and resolves once the broker confirmed every one.
 * Waits for 'drain' when the channel's write buffer is full, and fails, closing the channel so that no
 * late confirm is trusted, when a message is nacked or the confirms do not all come within the timeout.
 */
export async function publishConfirmed(channel: ConfirmChannel, messages: readonly OutgoingMessage[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`publisher confirms timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  const publishAll = async () => {
    const confirms: Array<Promise<void>> = [];
    for (const { exchange, routingKey, content, options } of messages) {
      let writable = true;
      const confirmed = new Promise<void>((resolve, reject) => {
        writable = channel.publish(exchange, routingKey, content, options, (error) =>
          error ? reject(new Error(`broker nacked message ${options.messageId ?? routingKey}`)) : resolve(),
        );
      });
      // Observed at once so that a confirm failing after we gave up is not an unhandled rejection.
      confirmed.catch(() => undefined);
      confirms.push(confirmed);
      if (!writable) await drained(channel);
    }
    await Promise.all(confirms);
  };
  try {
    await Promise.race([publishAll(), timeout]);
  } catch (error) {
    await channel.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
