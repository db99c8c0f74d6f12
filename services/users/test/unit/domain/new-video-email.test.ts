import { newVideoEmail } from '../../../src/domain/new-video-email';

test('the subject names the course and the video exactly', () => {
  const email = newVideoEmail({ title: 'Event-driven systems' }, { title: 'Outbox & inbox', description: '' });
  expect(email.subject).toBe('New video in Event-driven systems: Outbox & inbox');
});

test('the bodies carry the titles and description; the HTML escapes them', () => {
  const email = newVideoEmail({ title: 'TS <advanced>' }, { title: 'Types "in depth"', description: 'Generics & more' });
  expect(email.text).toContain('TS <advanced>: Types "in depth"');
  expect(email.text).toContain('Generics & more');
  expect(email.html).toContain('<strong>TS &lt;advanced&gt;</strong>: Types &quot;in depth&quot;');
  expect(email.html).toContain('Generics &amp; more');
  expect(email.html).not.toContain('<advanced>');
});
