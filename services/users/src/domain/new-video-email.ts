import type { EmailMessage } from './email-message';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

/** The email telling an enrolled student that a video was added to their course. */
export function newVideoEmail(course: { title: string }, video: { title: string; description: string }): EmailMessage {
  const lines = [`A new video was added to ${course.title}: ${video.title}.`];
  if (video.description) lines.push('', video.description);
  const html = [`<p>A new video was added to <strong>${escapeHtml(course.title)}</strong>: ${escapeHtml(video.title)}.</p>`];
  if (video.description) html.push(`<p>${escapeHtml(video.description)}</p>`);
  return {
    subject: `New video in ${course.title}: ${video.title}`,
    text: `${lines.join('\n')}\n`,
    html: html.join('\n'),
  };
}
