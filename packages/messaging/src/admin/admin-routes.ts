// The read-only /admin/* endpoints every service serves from its outbox and inbox (service-kit guards them).
import { defineRoute, type Route } from '@course-platform/service-kit';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Subscription } from '../subscription';
import { MessageRecords } from './message-records';

const searchTerm = z.string().regex(/^[\w.:-]{1,128}$/, 'an event, aggregate or correlation id');
const guarded = { 401: { description: 'ADMIN_TOKEN_REQUIRED' }, 403: { description: 'ADMIN_LOOPBACK_ONLY' } };

export function messagingAdminRoutes(knex: Knex, subscriptions: readonly Subscription[]): Route[] {
  const records = new MessageRecords(
    knex,
    subscriptions.map((subscription) => subscription.queue),
  );
  return [
    defineRoute({
      method: 'get',
      path: '/admin/outbox',
      summary: 'Outbox backlog: rows waiting to be published and the age of the oldest',
      tag: 'admin',
      responses: { 200: { description: 'The backlog' }, ...guarded },
      async handle() {
        return { status: 200, body: await records.backlog() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/events/:id',
      summary: "One event as this service saw it: its outbox row if it produced it, its handlers' inbox records",
      tag: 'admin',
      params: z.object({ id: z.uuid() }),
      responses: { 200: { description: 'The records, empty where none' }, 400: { description: 'Not an event id' }, ...guarded },
      async handle({ params }) {
        const [outbox, inbox] = await Promise.all([records.outboxRecord(params.id), records.inboxRecords(params.id)]);
        return { status: 200, body: { eventId: params.id, outbox, inbox } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/events',
      summary: 'Events this service produced whose id, aggregate id, correlation id or a payload value is q',
      tag: 'admin',
      query: z.object({ q: searchTerm }),
      responses: { 200: { description: 'The newest 50 matches' }, 400: { description: 'No or a malformed q' }, ...guarded },
      async handle({ query }) {
        return { status: 200, body: { items: await records.search(query.q) } };
      },
    }),
  ];
}
