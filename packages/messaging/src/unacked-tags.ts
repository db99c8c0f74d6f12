/**
 * The delivery tags of one channel that are not acked yet. The broker numbers a channel's deliveries upwards
 * and hands them over in that order, so the set's order is the tags' order.
 */
export class UnackedTags {
  private readonly tags = new Set<number>();

  add(tag: number): void {
    this.tags.add(tag);
  }

  delete(tag: number): void {
    this.tags.delete(tag);
  }

  /**
   * Whether an ack with `multiple` up to the highest of `tags` would ack those tags and no other: no unacked
   * delivery below it belongs to anything else (another transaction's batch, a message still waiting).
   */
  ackableTogether(tags: readonly number[]): boolean {
    const own = new Set(tags);
    const highest = Math.max(...tags);
    for (const tag of this.tags) {
      if (tag > highest) return true;
      if (!own.has(tag)) return false;
    }
    return true;
  }
}
