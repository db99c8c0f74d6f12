/** A URL fit to show: its password replaced, so a page or a log line never carries a secret. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

/** An error message with any credentials in URLs inside it replaced. */
export function redactedText(text: string): string {
  return text.replace(/(\w+:\/\/[^\s:/@]+:)[^\s@/]+@/g, '$1***@');
}
