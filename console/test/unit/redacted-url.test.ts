import { redactedText, redactedUrl } from '../../src/domain/redacted-url';

test('a URL is shown without its password, whatever its scheme', () => {
  expect(redactedUrl('amqp://videos_service:s3cret@rabbitmq:5672/vhost')).toBe('amqp://videos_service:***@rabbitmq:5672/vhost');
  expect(redactedUrl('http://guest:guest@127.0.0.1:15672')).toBe('http://guest:***@127.0.0.1:15672');
  expect(redactedUrl('http://127.0.0.1:3001')).toBe('http://127.0.0.1:3001');
  expect(redactedUrl('not a url')).toBe('(not a URL)');
});

test('an error message loses the passwords of the URLs it quotes', () => {
  expect(redactedText('connect ECONNREFUSED amqp://guest:guest@127.0.0.1:5672/x and http://u:p@h/')).toBe(
    'connect ECONNREFUSED amqp://guest:***@127.0.0.1:5672/x and http://u:***@h/',
  );
});
