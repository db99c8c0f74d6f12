import { withHeartbeat } from '../../src/heartbeat-url';

test('the heartbeat travels in the URL, where amqplib reads it, and keeps the vhost', () => {
  expect(withHeartbeat('amqp://u:p@rabbit:5672/cpt_1', 10)).toBe('amqp://u:p@rabbit:5672/cpt_1?heartbeat=10');
  expect(withHeartbeat('amqp://u:p@rabbit:5672/%2F?frameMax=131072', 10)).toBe('amqp://u:p@rabbit:5672/%2F?frameMax=131072&heartbeat=10');
});

test("an operator's own heartbeat in RABBITMQ_URL wins", () => {
  expect(withHeartbeat('amqp://rabbit?heartbeat=30', 10)).toBe('amqp://rabbit?heartbeat=30');
});
