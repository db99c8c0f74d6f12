import { Uuid } from '@course-platform/shared-kernel';

export class CommentId extends Uuid {
  constructor(value: string) {
    super(value, 'commentId');
  }
}
