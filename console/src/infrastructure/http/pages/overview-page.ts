import type { Overview } from '../../../application/read-overview';
import { ago, duration, html, type Html } from '../html';

const STALE_AFTER_MS = 4_000;
const rate = (perSecond: number) => `${perSecond.toFixed(1)}/s`;

/** The refreshed part of the overview: replaced every 2 s by the page's script. */
export function overviewFragment(overview: Overview): Html {
  const brokerStale = overview.brokerProblem !== null;
  return html`
<section aria-labelledby="services-title">
  <h2 id="services-title">Services</h2>
  <table>
    <caption>Every replica of each service, as its /ready and admin endpoints answered at ${new Date(overview.at).toLocaleTimeString('en-GB')}</caption>
    <thead><tr><th scope="col">Service</th><th scope="col">Replica</th><th scope="col">State</th><th scope="col">Uptime</th><th scope="col">Version</th><th scope="col">Outbox waiting</th><th scope="col">Oldest unpublished</th></tr></thead>
    <tbody>
    ${overview.services.flatMap(({ service, replicas }) =>
      replicas.map(
        (replica) => html`<tr data-service="${service}">
      <th scope="row">${service}</th>
      <td>${replica.url}${replica.instance ? html`<br><small>${replica.instance}</small>` : ''}</td>
      <td>${replica.ready ? html`<span class="state ok">ready</span>` : html`<span class="state bad">not ready</span> <small>${replica.problem}</small>`}</td>
      <td>${duration(replica.uptimeSeconds)}</td>
      <td>${replica.version ?? '—'}</td>
      <td>${replica.outbox?.waiting ?? '—'}</td>
      <td>${replica.outbox ? duration(replica.outbox.oldestAgeSeconds) : '—'}</td>
    </tr>`,
      ),
    )}
    </tbody>
  </table>
</section>
<section aria-labelledby="queues-title">
  <h2 id="queues-title">Handler queues</h2>
  ${
    brokerStale
      ? html`<p class="alert">Stale: the RabbitMQ management API did not answer (${overview.brokerProblem}); figures below are from ${ago(overview.queuesAsOf)}.</p>`
      : ''
  }
  <table>
    <caption>Depth, consumers, rates, retries in flight and dead letters of each handler queue</caption>
    <thead><tr><th scope="col">Queue</th><th scope="col">Service</th><th scope="col">Events</th><th scope="col">Depth</th><th scope="col">Consumers</th><th scope="col">In</th><th scope="col">Out</th><th scope="col">Retrying</th><th scope="col">Dead letters</th></tr></thead>
    <tbody>
    ${overview.queues.map(
      (queue) => html`<tr data-queue="${queue.queue}">
      <th scope="row">${queue.queue}</th><td>${queue.service}</td><td>${queue.events.join(', ')}</td>
      <td>${queue.depth}</td><td${queue.consumers === 0 ? html` class="bad"` : ''}>${queue.consumers}</td>
      <td>${rate(queue.rateIn)}</td><td>${rate(queue.rateOut)}</td><td>${queue.retrying}</td>
      <td>${queue.deadLetters > 0 ? html`<a class="bad" href="/dead-letters#${queue.queue}">${queue.deadLetters}</a>` : '0'}</td>
    </tr>`,
    )}
    </tbody>
  </table>
</section>`;
}

export function overviewBody(overview: Overview): Html {
  return html`<p id="overview-stale" class="alert" role="status" hidden></p>
<div id="overview" data-refresh="/fragments/overview" data-stale="overview-stale" data-stale-after="${STALE_AFTER_MS}">${overviewFragment(overview)}</div>`;
}
