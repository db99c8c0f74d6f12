import { html, type Html } from '../html';

export interface PageContext {
  /** Whether retry and discard can be used at all: the console has an ADMIN_TOKEN. */
  actionsEnabled: boolean;
  /** A notice from the action that led here, shown once. */
  notice?: string;
}

const NAV = [
  ['/', 'Overview'],
  ['/topology', 'Topology'],
  ['/dead-letters', 'Dead letters'],
  ['/events', 'Event journey'],
  ['/audit', 'Audit log'],
] as const;

export function layout(title: string, path: string, context: PageContext, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · course-platform console</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
  <p class="brand">course-platform <span>operations console</span></p>
  <nav aria-label="Console pages"><ul>
    ${NAV.map(([href, label]) => html`<li><a href="${href}"${href === path ? html` aria-current="page"` : ''}>${label}</a></li>`)}
  </ul></nav>
  <form class="search" action="/events" method="get" role="search">
    <label for="search-q">Find an event</label>
    <input id="search-q" name="q" placeholder="event, video, course, user or correlation id" autocomplete="off">
    <button type="submit">Search</button>
  </form>
</header>
<main id="main">
<h1>${title}</h1>
${context.notice ? html`<p class="notice" role="status">${context.notice}</p>` : ''}
<p id="action-result" class="alert" role="alert" hidden></p>
${body}
</main>
<footer>
  ${
    context.actionsEnabled
      ? html`<form id="token-form" class="token">
    <label for="admin-token">Admin token (kept in this tab only, sent as a header with each action)</label>
    <input id="admin-token" type="password" autocomplete="off">
    <button type="submit">Use token</button>
    <span id="token-state" role="status"></span>
  </form>`
      : html`<p class="read-only">Read-only: no ADMIN_TOKEN is configured for the console, so retry and discard are off.</p>`
  }
</footer>
</body>
</html>`;
}
