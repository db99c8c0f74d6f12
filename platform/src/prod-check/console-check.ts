// The console as its container runs it, looked at as an operator first looks: every service ready on the
// overview, the broker's figures read through the management API and every dead-letter queue listed, both
// as the broker user docker-compose.yml gives it. A wrong token, URL or broker right shows on these pages.

async function pageOf(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`console: GET ${url} answered ${response.status}`);
  return response.text();
}

/** The error notes a page shows (`<p class="alert">`, not the hidden ones its script fills later), as text. */
const alertsIn = (html: string) =>
  [...html.matchAll(/<p\b(?=[^>]*class="alert")(?![^>]*\bhidden\b)[^>]*>([\s\S]*?)<\/p>/g)].map(([, text]) => text?.trim() ?? '');

/** Throws what the operator would see wrong; returns what was seen right. */
export async function assertConsoleSeesThePlatform(consoleUrl: string, services: readonly string[]): Promise<string> {
  const overview = await pageOf(`${consoleUrl}/`);
  const notReady = services.filter((service) => !new RegExp(`<tr data-service="${service}">[\\s\\S]*?<span class="state ok">ready</span>`).test(overview));
  if (notReady.length > 0) throw new Error(`console: the overview does not show ${notReady.join(', ')} ready`);
  const deadLetters = await pageOf(`${consoleUrl}/dead-letters`);
  const alerts = [...alertsIn(overview), ...alertsIn(deadLetters)];
  if (alerts.length > 0) throw new Error(`console: ${alerts.join('; ')}`);
  return `the overview shows ${services.join(', ')} ready with the broker's figures, and every dead-letter queue is listed`;
}
