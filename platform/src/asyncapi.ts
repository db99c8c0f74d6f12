import { eventCatalog, envelopeSchema } from '@course-platform/shared-kernel';
import type { ServiceSubscriptions } from '@course-platform/messaging';
import { z } from 'zod';
import { consumersOf } from './event-catalog';

const key = (name: string, version: number) => `${name.replace('.', '_')}_v${version}`;

/**
 * The platform's AsyncAPI 3 document, generated from the shared-kernel contracts (payloads) and the services'
 * subscriptions (who receives what), so it cannot disagree with the code.
 */
export function asyncApiDocument(services: readonly ServiceSubscriptions[], exchange: string) {
  const envelope = z.toJSONSchema(envelopeSchema.omit({ data: true })) as { properties: Record<string, unknown>; required: string[] };
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of eventCatalog) {
    const id = key(contract.name, contract.version);
    messages[id] = {
      name: contract.name,
      title: `${contract.name} v${contract.version}`,
      summary: contract.description,
      contentType: 'application/json',
      payload: {
        type: 'object',
        properties: { ...envelope.properties, type: { const: contract.name }, version: { const: contract.version }, data: z.toJSONSchema(contract.schema) },
        required: [...envelope.required, 'data'],
      },
      bindings: { amqp: { messageType: contract.name, bindingVersion: '0.3.0' } },
    };
    channels[id] = {
      address: contract.name,
      description: `Routing key ${contract.name} on the topic exchange ${exchange}.`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
      bindings: { amqp: { is: 'routingKey', exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' }, bindingVersion: '0.3.0' } },
    };
    operations[`${contract.producer}_publishes_${id}`] = {
      action: 'send',
      summary: `The ${contract.producer} service publishes ${contract.name} (through its outbox).`,
      channel: { $ref: `#/channels/${id}` },
      bindings: { amqp: { deliveryMode: 2, mandatory: true, bindingVersion: '0.3.0' } },
    };
    for (const queue of consumersOf(contract, services)) {
      operations[`${queue.replace(/\./g, '_')}_receives_${id}`] = {
        action: 'receive',
        summary: `Queue ${queue} receives ${contract.name}.`,
        channel: { $ref: `#/channels/${id}` },
        bindings: { amqp: { ack: true, bindingVersion: '0.3.0' } },
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'course-platform events',
      version: '1.0.0',
      description: 'Domain events of the videos, courses and users services on one RabbitMQ topic exchange.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:5672', protocol: 'amqp', description: 'The local RabbitMQ broker.' } },
    channels,
    operations,
    components: { messages },
  };
}
