import { z } from 'zod';
import { eventCatalog } from '../../src';

/*
 * Contract test. Producers and consumers of an event are deployed independently, so an event name@version is
 * a promise: once released its schema never changes. This test keeps the JSON Schema of every contract in a
 * committed snapshot. Any edit of an existing version (a field renamed, a bound tightened, a field added)
 * fails here; the fix is not to update the snapshot but to add a new version of the event next to the old
 * one. Adding a version, or removing one, changes the list of keys below, which is written only on purpose
 * with `jest -u` (CI runs jest with --ci, so a missing snapshot fails instead of being written).
 *
 * The one deliberate edit of released versions: videos.*@1 got the upper bound of their integer fields
 * (2,147,483,647, the producer's int4 columns). No v1 event above it could ever be stored, so none was ever
 * published; the bound writes down what v1 always was, and no consumer refuses an event it accepted before.
 */
describe('event contract schemas', () => {
  it('has exactly the released name@version keys', () => {
    expect(eventCatalog.map((contract) => `${contract.name}@${contract.version}`)).toMatchSnapshot();
  });

  it.each(eventCatalog.map((contract) => [`${contract.name}@${contract.version}`, contract] as const))(
    '%s keeps its released schema',
    (_key, contract) => {
      expect(z.toJSONSchema(contract.schema)).toMatchSnapshot();
    },
  );
});
