import type { OutboxRecord } from '@course-platform/messaging';
import type { HandlerOutcome, Journey } from '../../../application/follow-event';
import { html, type Html } from '../html';

function handled(at: string, duplicates: number): Html {
  if (duplicates === 0) return html`<span class="state ok">handled</span> at ${at}`;
  return html`<span class="state ok">handled</span> at ${at}, <span class="state dup">duplicate</span>
    <small>${duplicates} ${duplicates === 1 ? 'copy' : 'copies'} delivered again since, skipped by the inbox</small>`;
}

function retrying({ copy, nextInSeconds }: Extract<HandlerOutcome, { state: 'retrying' }>): Html {
  const when = nextInSeconds === null ? html`within ${Math.round(copy.delayMs / 1000)} s` : html`in ~${nextInSeconds} s`;
  return html`<span class="state wait">retrying</span> (attempt ${copy.nextAttempt}, next ${when}, last error: ${copy.lastError})
    <small>waiting in ${copy.queue}${copy.firstFailedAt ? html`; first failed at ${copy.firstFailedAt}` : ''}</small>`;
}

function outcome(result: HandlerOutcome, queue: string): Html {
  if (result.state === 'handled') return handled(result.at, result.duplicates);
  if (result.state === 'retrying') return retrying(result);
  if (result.state === 'dead-lettered') {
    const letter = result.deadLetter;
    return html`<span class="state bad">dead-lettered</span> after ${letter.attempts} attempt(s): ${letter.reason} — ${letter.error}
      (<a href="/dead-letters#${queue}">see its dead letters</a>)`;
  }
  return html`<span class="state wait">on its way</span> <small>${result.note}</small>`;
}

function trace(traceId: string | null, traceUrl: string | undefined): Html | string {
  if (!traceId) return '';
  if (!traceUrl) return html`<li data-step="trace"><strong>Trace</strong> ${traceId}</li>`;
  return html`<li data-step="trace"><strong>Trace</strong> <a href="${traceUrl.replace('{traceId}', traceId)}">${traceId}</a> (the request, the publish, every handler and email)</li>`;
}

export function journeyBody(journey: Journey, traceUrl?: string): Html {
  const { committed } = journey;
  return html`<ol class="timeline" aria-label="What happened to event ${journey.eventId}">
  ${
    committed
      ? html`<li data-step="committed"><strong>Committed</strong> to the ${committed.service} outbox at ${committed.createdAt}: ${committed.type},
      aggregate ${committed.aggregateId ?? '—'}, correlation ${committed.correlationId ?? '—'}</li>
  <li data-step="published">${committed.publishedAt ? html`<strong>Published</strong> to the exchange at ${committed.publishedAt}` : html`<strong class="bad">Not published yet</strong>: waiting in the outbox`}</li>`
      : html`<li data-step="committed">No service's outbox holds this event (never committed, or older than the outbox's retention).</li>`
  }
  ${trace(committed?.traceId ?? null, traceUrl)}
  ${journey.handlers.map(
    (handler) => html`<li data-step="handler" data-queue="${handler.queue}" data-state="${handler.outcome.state}"><strong>${handler.queue}</strong> (${handler.service}): ${outcome(handler.outcome, handler.queue)}</li>`,
  )}
  ${
    journey.emails
      ? html`<li data-step="emails"><strong>Emails</strong>: ${journey.emails.length} queued
    <ul class="emails">${journey.emails.map((email) => html`<li data-email="${email.email}">${email.email}: ${email.status}${email.sentAt ? html` at ${email.sentAt}` : ''}, ${email.attempts} failed attempt(s)</li>`)}</ul></li>`
      : ''
  }
</ol>
${committed ? html`<details><summary>Envelope</summary><pre>${JSON.stringify(committed.envelope, null, 2)}</pre></details>` : ''}`;
}

export function searchBody(term: string | undefined, found: Array<OutboxRecord & { service: string }>, invalid?: 'invalid'): Html {
  if (invalid) return html`<p class="alert" role="alert">Search for an id: letters, digits and . : _ - only, up to 128 characters.</p>`;
  if (!term) {
    return html`<p>Enter an event id, a video, course or user id, or a correlation id in the search box above: the console asks every
service's outbox for events that carry it and shows each one's journey.</p>`;
  }
  if (found.length === 0) return html`<p class="empty">No event in any outbox carries ${term}.</p>`;
  return html`<table>
  <caption>Events carrying ${term}, newest first</caption>
  <thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">Producer</th><th scope="col">Committed</th><th scope="col">Published</th></tr></thead>
  <tbody>${found.map(
    (event) => html`<tr><td><a href="/events/${event.eventId}">${event.eventId}</a></td><td>${event.type}</td><td>${event.service}</td><td>${event.createdAt}</td><td>${event.publishedAt ?? 'not yet'}</td></tr>`,
  )}</tbody>
</table>`;
}
