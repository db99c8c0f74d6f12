import { Writable } from 'node:stream';
import pino from 'pino';
import { createKnex } from '../../src';

test("knex's own warnings become JSON log lines of the service, not console text", async () => {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ base: { service: 'probe' } }, sink);
  // knex's own logger writes with console.log.
  const consoleLog = jest.spyOn(console, 'log');
  // Nothing listens on port 1: every connection attempt is refused at once.
  const knex = createKnex({ url: 'postgres://nobody@127.0.0.1:1/nothing', schema: 'probe', logger });
  try {
    await expect(knex.raw('select 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  } finally {
    await knex.destroy();
  }
  expect(lines).toContainEqual(expect.objectContaining({ level: 40, service: 'probe', component: 'knex', msg: expect.stringContaining('Acquire connection error') }));
  expect(consoleLog).not.toHaveBeenCalled();
  consoleLog.mockRestore();
});
