import type { Notification } from '../domain/notification';
import type { NotificationRepository } from '../domain/notification-repository';
import type { GetUser } from './get-user';

export class ListNotifications {
  constructor(
    private readonly getUser: GetUser,
    private readonly notifications: NotificationRepository,
  ) {}

  async execute(userId: string, limit: number): Promise<Notification[]> {
    const user = await this.getUser.execute(userId);
    return this.notifications.listByUser(user.id.value, limit);
  }
}
