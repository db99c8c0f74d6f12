import { UnackedTags } from '../../src/unacked-tags';

const unackedOf = (...tags: number[]) => {
  const unacked = new UnackedTags();
  for (const tag of tags) unacked.add(tag);
  return unacked;
};

test('a batch holding every unacked tag up to its highest may be acked together, whatever lies above it', () => {
  expect(unackedOf(1, 2, 3, 4, 5, 6).ackableTogether([1, 2, 3])).toBe(true);
  const acked = unackedOf(1, 2, 3, 4, 5, 6);
  acked.delete(1);
  acked.delete(2);
  expect(acked.ackableTogether([3, 4])).toBe(true);
});

test('a batch with another unacked tag below its highest must be acked one by one', () => {
  // The other transaction holds 1-3; this one 4-6 committed first.
  expect(unackedOf(1, 2, 3, 4, 5, 6).ackableTogether([4, 5, 6])).toBe(false);
  // A message still waiting (3) between the batch's own.
  expect(unackedOf(1, 2, 3, 4).ackableTogether([1, 2, 4])).toBe(false);
});
