import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GUIDE_PATH } from '../../../src/http/steward/steward-guide-route.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { launchChromium, screenshotDir, skipBrowser } from '../../support/chromium.js';
import { freshDatabase } from '../../support/db.js';
import { startService, type RunningService } from '../../support/service.js';

const { browserUrl, password, uri } = inject('neo4j');

let db: Gateway;
let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowser || !browserUrl) return;
  browser = await launchChromium();
  db = await freshDatabase();
  service = await startService(14102);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await db?.close();
});

/** Types a command into Neo4j Browser's editor and runs it. */
async function run(page: Page, command: string): Promise<void> {
  await page.locator('[data-testid="activeEditor"]').click();
  await page.keyboard.insertText(command);
  await page.keyboard.press('Control+Enter');
}

/** The newest frame (Neo4j Browser stacks them newest first). */
const newestFrame = (page: Page): Locator => page.locator('[data-testid="frame"]').first();

describe.skipIf(skipBrowser || !browserUrl)('the steward guide in Neo4j Browser', () => {
  it('opens with :play, applies its style and runs its first query', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(browserUrl as string);
    await page.locator('[data-testid="boltaddress"]').fill(uri.replace(/^\w+:\/\//, ''));
    await page.locator('[data-testid="username"]').fill('neo4j');
    await page.locator('[data-testid="password"]').fill(password);
    await page.locator('[data-testid="connect"]').click();
    await page.getByText('You are connected as user').waitFor({ timeout: 30_000 });

    await run(page, `:play ${service.url}${GUIDE_PATH}`);
    const guide = newestFrame(page);
    await guide.getByText('OneID Graph for data stewards').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'steward-guide.png') });
  });
});
