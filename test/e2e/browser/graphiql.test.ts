import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { launchChromium, screenshotDir, skipBrowser } from '../../support/chromium.js';
import { freshDatabase } from '../../support/db.js';
import { KEYS, startService, type RunningService } from '../../support/service.js';

/** No date, no RFM: only fields whose format other changes to the schema leave alone. */
const PERSON_QUERY = `{
  person(identifier: { type: "member_id", value: "MBR001" }) {
    oneId
    identifiers { type value }
  }
}`;

let db: Gateway;
let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowser) return;
  browser = await launchChromium();
  db = await freshDatabase();
  service = await startService(14101);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await db?.close();
});

/** Replaces the text of the CodeMirror editor inside `selector`, as a user pasting would. */
async function replaceEditorText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(`${selector} .CodeMirror`).click();
  await page.keyboard.press('Control+A');
  // insertText is a paste: the editor's bracket auto-closing does not double the braces
  await page.keyboard.insertText(text);
}

/** The text of the result pane (CodeMirror renders only the visible lines into the DOM). */
const resultText = (page: Page) =>
  page
    .locator('.graphiql-response .CodeMirror')
    .evaluate((el) => (el as HTMLElement & { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

describe.skipIf(skipBrowser)('GraphiQL in chromium', () => {
  it('takes a key in its headers, runs the person query and shows MBR001 identifiers', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${service.url}/graphql`);
    await page.locator('[aria-label="Query Editor"] .CodeMirror').waitFor();

    await page.locator('button[data-name="headers"]').click();
    await replaceEditorText(
      page,
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      JSON.stringify({ 'x-api-key': KEYS.reader }),
    );
    await replaceEditorText(page, '[aria-label="Query Editor"]', PERSON_QUERY);
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => resultText(page), { timeout: 20_000 }).toContain('"oneId"');

    const shown = JSON.parse(await resultText(page));
    const direct = await service.gql(PERSON_QUERY);
    expect(direct.data).toBeDefined();
    expect(shown).toEqual({ data: direct.data });
    const values = (shown.data.person.identifiers as { value: string }[]).map((i) => i.value);
    expect(values).toEqual(expect.arrayContaining(['MBR001', 'union_001', 'open_001', 'DEV001']));
    await page.screenshot({ path: join(screenshotDir, 'graphiql.png') });
  });
});
