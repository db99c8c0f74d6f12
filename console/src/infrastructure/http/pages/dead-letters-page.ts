import type { DeadLetter } from '@course-platform/messaging';
import { html, type Html } from '../html';

export interface QueueDeadLetters {
  queue: string;
  count: number;
  messages: DeadLetter[];
  problem: string | null;
}

const actionPath = (queue: string, eventId: string, action: 'retry' | 'discard') =>
  `/api/dead-letters/${encodeURIComponent(queue)}/${encodeURIComponent(eventId)}/${action}`;

function letter(queue: string, message: DeadLetter): Html {
  const id = message.messageId ?? '';
  return html`<li class="dead-letter" data-event-id="${id}">
  <dl>
    <dt>Event</dt><dd>${message.type ?? '(no type)'} <a href="/events/${id}">${id || '(no id)'}</a></dd>
    <dt>Aggregate</dt><dd>${message.aggregateId ?? '—'}</dd>
    <dt>Reason</dt><dd class="reason">${message.reason}</dd>
    <dt>Error</dt><dd>${message.error || '—'}</dd>
    <dt>Attempts</dt><dd>${message.attempts}</dd>
    <dt>First failure</dt><dd>${message.firstFailedAt ?? '—'}</dd>
    <dt>Last failure</dt><dd>${message.deadLetteredAt ?? '—'}</dd>
  </dl>
  <details><summary>Payload</summary><pre>${JSON.stringify(message.payload, null, 2)}</pre></details>
  ${
    id
      ? html`<div class="actions">
    <button type="button" data-action="${actionPath(queue, id, 'retry')}" data-confirm="Send ${id} back to ${queue}?">Retry</button>
    <button type="button" class="danger" data-action="${actionPath(queue, id, 'discard')}" data-confirm="Delete ${id} from ${queue}'s dead letters for good?">Discard</button>
  </div>`
      : ''
  }
</li>`;
}

export function deadLettersBody(queues: QueueDeadLetters[]): Html {
  const total = queues.reduce((sum, queue) => sum + queue.count, 0);
  return html`<p>${total} dead letter(s) in ${queues.length} handler queues. Retry sends a message back to its queue with a fresh
attempt count; the handler's inbox makes a copy it already handled harmless. Fix the cause first.</p>
${queues.map(
  ({ queue, count, messages, problem }) => html`<section id="${queue}" class="queue" aria-labelledby="${queue}-title" data-queue="${queue}">
  <h2 id="${queue}-title">${queue} <span class="count">${count}</span></h2>
  ${problem ? html`<p class="alert">${problem}</p>` : ''}
  ${
    count > 0
      ? html`<button type="button" data-action="/api/dead-letters/${encodeURIComponent(queue)}/retry-all" data-confirm="Send all ${count} dead letter(s) back to ${queue}?">Retry all of ${queue}</button>
  <ol class="letters">${messages.map((message) => letter(queue, message))}</ol>`
      : html`<p class="empty">No dead letters.</p>`
  }
</section>`,
)}`;
}
