// The exchange -> handler queues -> services graph as an SVG drawn on the server, with the live figures on
// each queue, and the same figures as a table for keyboards and screen readers.
import type { Overview } from '../../../application/read-overview';
import type { PlatformMap } from '../../../domain/platform-map';
import { html, type Html } from '../html';

const ROW = 64;
const COLUMN = { producer: 20, exchange: 250, queue: 470, consumer: 960 };
const BOX = { producer: 150, exchange: 150, queue: 400, consumer: 150 };

export function topologyFragment(map: PlatformMap, overview: Overview, exchange: string): Html {
  const figures = new Map(overview.queues.map((queue) => [queue.queue, queue]));
  const height = Math.max(map.handlerQueues.length, 3) * ROW + 20;
  const middle = height / 2;
  const consumers = map.services.filter((service) => map.handlerQueues.some((handler) => handler.service === service));
  const consumerY = (service: string) => ((consumers.indexOf(service) + 0.5) * (height - 20)) / consumers.length + 10;
  const producerY = (index: number) => ((index + 0.5) * (height - 20)) / map.producers.length + 10;
  const queueY = (index: number) => index * ROW + 10 + ROW / 2;
  return html`<svg class="topology" role="img" aria-labelledby="topology-title" viewBox="0 0 1130 ${height}" width="100%">
  <title id="topology-title">Exchange ${exchange}: producing services, the handler queues bound to it and their consuming services</title>
  ${map.producers.map(
    (producer, index) => html`<g class="node service"><rect x="${COLUMN.producer}" y="${producerY(index) - 20}" width="${BOX.producer}" height="40" rx="20"/>
    <text x="${COLUMN.producer + BOX.producer / 2}" y="${producerY(index) + 5}" text-anchor="middle">${producer.service}</text></g>
    <line x1="${COLUMN.producer + BOX.producer}" y1="${producerY(index)}" x2="${COLUMN.exchange}" y2="${middle}"><title>${producer.events.join(', ')}</title></line>`,
  )}
  <g class="node exchange"><rect x="${COLUMN.exchange}" y="${middle - 24}" width="${BOX.exchange}" height="48"/>
  <text x="${COLUMN.exchange + BOX.exchange / 2}" y="${middle + 5}" text-anchor="middle">${exchange} (topic)</text></g>
  ${map.handlerQueues.map((handler, index) => {
    const y = queueY(index);
    const live = figures.get(handler.queue);
    const trouble = live && (live.deadLetters > 0 || live.consumers === 0);
    return html`<line x1="${COLUMN.exchange + BOX.exchange}" y1="${middle}" x2="${COLUMN.queue}" y2="${y}"/>
    <g class="node queue${trouble ? ' trouble' : ''}" data-queue="${handler.queue}"><rect x="${COLUMN.queue}" y="${y - 26}" width="${BOX.queue}" height="52" rx="4"/>
    <text x="${COLUMN.queue + 10}" y="${y - 8}">${handler.queue}</text>
    <text class="figures" x="${COLUMN.queue + 10}" y="${y + 14}">${handler.events.join(', ')} · ${
      live ? `depth ${live.depth} · consumers ${live.consumers} · retrying ${live.retrying} · dead ${live.deadLetters}` : 'no figures'
    }</text></g>
    <line x1="${COLUMN.queue + BOX.queue}" y1="${y}" x2="${COLUMN.consumer}" y2="${consumerY(handler.service)}"/>`;
  })}
  ${consumers.map(
    (service) => html`<g class="node service"><rect x="${COLUMN.consumer}" y="${consumerY(service) - 20}" width="${BOX.consumer}" height="40" rx="20"/>
    <text x="${COLUMN.consumer + BOX.consumer / 2}" y="${consumerY(service) + 5}" text-anchor="middle">${service}</text></g>`,
  )}
</svg>
<table>
  <caption>The same graph as a table</caption>
  <thead><tr><th scope="col">Producer</th><th scope="col">Event</th><th scope="col">Handler queue</th><th scope="col">Consumer</th><th scope="col">Depth</th><th scope="col">Consumers</th><th scope="col">Dead letters</th></tr></thead>
  <tbody>${map.handlerQueues.flatMap((handler) =>
    handler.events.map(
      (event) => html`<tr><td>${event.split('.')[0]}</td><td>${event}</td><th scope="row">${handler.queue}</th><td>${handler.service}</td>
      <td>${figures.get(handler.queue)?.depth ?? '—'}</td><td>${figures.get(handler.queue)?.consumers ?? '—'}</td><td>${figures.get(handler.queue)?.deadLetters ?? '—'}</td></tr>`,
    ),
  )}</tbody>
</table>`;
}

export function topologyBody(fragment: Html): Html {
  return html`<p>Drawn from the services' own handler declarations, as the README's picture is; figures refresh every 2 s.
Every handler queue also has retry queues and a dead-letter queue, left out of the picture.</p>
<p id="topology-stale" class="alert" role="status" hidden></p>
<div id="topology" data-refresh="/fragments/topology" data-stale="topology-stale">${fragment}</div>`;
}
