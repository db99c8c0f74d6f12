import { randomUUID } from 'node:crypto';
import type { ConfirmChannel, Message, Options } from 'amqplib';

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

export interface PublishOptions {
  timeoutMs: number;
  /**
   * Fail when the broker returns a mandatory message (no queue took it). The relay counts unroutable
   * events instead; a consumer's retry or dead-letter copy must fail, or the original would be acked into
   * nowhere.
   */
  rejectReturned?: boolean;
}

const PUBLISH_ID = 'x-publish-id';

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
 * late confirm is trusted, when a message is nacked, returned (if asked) or not confirmed within the timeout.
 */
export async function publishConfirmed(
  channel: ConfirmChannel,
  messages: readonly OutgoingMessage[],
  publishOptions: PublishOptions | number,
): Promise<void> {
  const options = typeof publishOptions === 'number' ? { timeoutMs: publishOptions } : publishOptions;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`publisher confirms timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  const returned = new Map<string, (error: Error) => void>();
  // The broker sends basic.return before the ack of the same message, so the rejection always wins.
  const onReturn = (message: Message) => {
    const id = message.properties.headers?.[PUBLISH_ID] as string | undefined;
    if (id) returned.get(id)?.(new Error(`broker returned message ${message.properties.messageId ?? id}: no queue ${message.fields.routingKey}`));
  };
  if (options.rejectReturned) channel.on('return', onReturn);
  const publishAll = async () => {
    const confirms: Array<Promise<void>> = [];
    for (const { exchange, routingKey, content, options: properties } of messages) {
      let writable = true;
      const confirmed = new Promise<void>((resolve, reject) => {
        let headers = properties.headers;
        if (options.rejectReturned) {
          const id = randomUUID();
          returned.set(id, reject);
          headers = { ...headers, [PUBLISH_ID]: id };
        }
        writable = channel.publish(exchange, routingKey, content, { ...properties, headers }, (error) =>
          error ? reject(new Error(`broker nacked message ${properties.messageId ?? routingKey}`)) : resolve(),
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
    // Not awaited: on a connection the broker has blocked, closing would wait as long as the block lasts.
    channel.close().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
    channel.off('return', onReturn);
  }
}
