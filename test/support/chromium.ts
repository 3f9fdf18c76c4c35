import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../../src/paths.js';

/** Debian's chromium, which .ci/run installs; Playwright downloads no browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';

/** Set to 1 to skip the browser tests on a machine without chromium; otherwise they fail. */
export const skipBrowser = process.env.ONEID_TEST_SKIP_BROWSER === '1';

/** Screenshots for the README, git-ignored. */
export const screenshotDir = join(projectRoot, 'screenshots');

/**
 * Starts headless chromium. Playwright passes --no-sandbox itself (its default), which
 * chromium needs when it runs as root in a container.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No chromium at ${CHROMIUM}: install it (apt-get install chromium, as .ci/run does), ` +
        'or set ONEID_TEST_SKIP_BROWSER=1 to skip the browser tests.',
    );
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM });
}
