import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (apt-get install chromium; .ci/run installs it when missing), headless. Playwright never
 * downloads a browser here. The flags keep it off the network it would otherwise call at start.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
