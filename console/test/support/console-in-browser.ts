// The hooks of a browser test file: the platform and Chromium for the whole file, a fresh page for each test.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { startConsolePlatform, type ConsolePlatform } from './console-platform';
import { PlatformSteps } from './platform-steps';

export interface ConsoleInBrowser {
  platform: ConsolePlatform;
  steps: PlatformSteps;
  browser: Browser;
  /** This test's page. */
  page: Page;
}

/** Call at the top of a test file; what it returns is filled in before each test runs. */
export function consoleInBrowser(env: NodeJS.ProcessEnv = {}): ConsoleInBrowser {
  const ui = {} as ConsoleInBrowser;
  beforeAll(async () => {
    ui.platform = await startConsolePlatform(env);
    ui.steps = new PlatformSteps(ui.platform);
    ui.browser = await launchChromium();
  });
  afterAll(async () => {
    await ui.browser?.close();
    await ui.platform?.stop();
  });
  beforeEach(async () => {
    ui.page = await ui.browser.newPage();
    // Every action asks "are you sure?": the operator says yes.
    ui.page.on('dialog', (dialog) => void dialog.accept());
  });
  afterEach(() => ui.page.close());
  return ui;
}
