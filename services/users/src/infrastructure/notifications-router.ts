import { defineRoute, type Route } from '@course-platform/service-kit';
import { z } from 'zod';
import type { ListEventNotifications } from '../application/list-event-notifications';
import type { ListNotifications } from '../application/list-notifications';
import type { Notification } from '../domain/notification';
import { userParams } from './users-router';

const notificationSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  email: z.email(),
  subject: z.string(),
  status: z.enum(['pending', 'sent']),
  attempts: z.number().int(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});

const toJson = (notification: Notification) => ({
  id: notification.id,
  eventId: notification.eventId,
  email: notification.email,
  subject: notification.subject,
  status: notification.status,
  attempts: notification.attempts,
  createdAt: notification.createdAt.toISOString(),
  sentAt: notification.sentAt?.toISOString() ?? null,
});

export function notificationsRouter(useCases: { listNotifications: ListNotifications; listEventNotifications: ListEventNotifications }): Route[] {
  return [
    defineRoute({
      method: 'get',
      path: '/users/:id/notifications',
      summary: "A student's emails, newest first",
      tag: 'notifications',
      params: userParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      responses: {
        200: { description: 'The notifications', schema: z.object({ items: z.array(notificationSchema) }) },
        400: { description: 'The request is not valid' },
        404: { description: 'USER_NOT_FOUND' },
      },
      async handle({ params, query }) {
        const notifications = await useCases.listNotifications.execute(params.id, query.limit);
        return { status: 200, body: { items: notifications.map(toJson) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/admin/events/:id/notifications',
      summary: 'The emails one event queued, one per enrolled student (admin)',
      tag: 'admin',
      params: z.object({ id: z.uuid() }),
      responses: {
        200: { description: 'The notifications', schema: z.object({ items: z.array(notificationSchema) }) },
        400: { description: 'Not an event id' },
        401: { description: 'ADMIN_TOKEN_REQUIRED' },
      },
      async handle({ params }) {
        const notifications = await useCases.listEventNotifications.execute(params.id);
        return { status: 200, body: { items: notifications.map(toJson) } };
      },
    }),
  ];
}
