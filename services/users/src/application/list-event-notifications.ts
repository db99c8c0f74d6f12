import type { Notification } from '../domain/notification';
import type { NotificationRepository } from '../domain/notification-repository';

/** The emails one event (a `videos.created`) queued: what the operations console shows in its journey. */
export class ListEventNotifications {
  constructor(private readonly notifications: NotificationRepository) {}

  async execute(eventId: string): Promise<Notification[]> {
    return this.notifications.listByEvent(eventId);
  }
}
