import type { AuditEntry } from '../../../application/ports';
import { html, type Html } from '../html';

export function auditBody(entries: AuditEntry[]): Html {
  if (entries.length === 0) return html`<p class="empty">No action has been taken yet.</p>`;
  return html`<table>
  <caption>Every retry and discard, newest first</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Queue</th><th scope="col">Event</th><th scope="col">Outcome</th><th scope="col">From</th></tr></thead>
  <tbody>${entries.map(
    (entry) => html`<tr><td>${entry.at}</td><td>${entry.action}</td><td>${entry.queue}</td><td>${entry.eventId ?? 'all'}</td><td>${entry.outcome}</td><td>${entry.from}</td></tr>`,
  )}</tbody>
</table>`;
}
