import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GUIDE_PATH } from '../../../src/http/steward/steward-guide-route.js';
import type { Gateway } from '../../../src/neo4j/gateway.js';
import { launchChromium, screenshotDir, skipBrowser } from '../../support/chromium.js';
import { freshDatabase } from '../../support/db.js';
import { KEYS, startService, type RunningService } from '../../support/service.js';

/**
 * GraphiQL and the Neo4j Browser steward guide driven in Debian's chromium, against one
 * `oneid serve` with the seeds. Screenshots for the README go to screenshots/ (git-ignored).
 */

const { browserUrl, password, uri } = inject('neo4j');

let db: Gateway;
let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  if (skipBrowser) return;
  browser = await launchChromium();
  db = await freshDatabase();
  service = await startService(14057);
});
afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await db?.close();
});

/** No date, no RFM: only fields whose format other changes to the schema leave alone. */
const PERSON_QUERY = `{
  person(identifier: { type: "member_id", value: "MBR001" }) {
    oneId
    identifiers { type value }
  }
}`;

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
    .evaluate((el) =>
      (el as HTMLElement & { CodeMirror: { getValue(): string } }).CodeMirror.getValue(),
    );

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
    // the same answer, with the change feed sequence it was given at
    expect(shown).toEqual({ data: direct.data, extensions: { sequence: expect.any(Number) } });
    // the API's answer, whatever it is, is MBR001's person with its other identifiers
    const keys = (shown.data.person.identifiers as { type: string; value: string }[]).map(
      (i) => `${i.type}:${i.value}`,
    );
    expect(keys).toEqual(expect.arrayContaining(['member_id:MBR001', 'union_id:union_001']));
    await page.screenshot({ path: join(screenshotDir, 'graphiql.png') });
  });
});

/** Types a command into Neo4j Browser's editor and runs it. */
async function run(page: Page, command: string): Promise<void> {
  await page.locator('[data-testid="activeEditor"]').click();
  await page.keyboard.insertText(command);
  await page.keyboard.press('Control+Enter');
}

/** The newest frame whose command starts with `command` (frames stack newest first). */
const frameOf = (page: Page, command: string): Locator =>
  page
    .locator('[data-testid="frame"]')
    .filter({ has: page.locator('[data-testid="frameCommand"]', { hasText: command }) })
    .first();

/**
 * Runs `:play url` until the guide shows: the Browser reads the allowlist from the server a
 * moment after it connects, and until then knows only Neo4j's default hosts.
 */
async function play(page: Page, url: string): Promise<Locator> {
  const guide = frameOf(page, `:play ${url}`);
  const title = guide.getByText('OneID Graph for data stewards');
  for (let attempt = 1; ; attempt++) {
    await run(page, `:play ${url}`);
    try {
      await title.waitFor({ timeout: 5_000 });
      return guide;
    } catch (error) {
      if (attempt === 3)
        throw new Error(`The guide did not open:\n${await guide.innerText()}`, { cause: error });
    }
  }
}

// with NEO4J_URI the tests use a server whose Browser is not ours to configure
describe.skipIf(skipBrowser || !browserUrl)('the steward guide in Neo4j Browser', () => {
  it('opens with :play, applies its style and runs its first query', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(browserUrl as string);
    await page.locator('[data-testid="boltaddress"]').fill(new URL(uri).host);
    await page.locator('[data-testid="username"]').fill('neo4j');
    await page.locator('[data-testid="password"]').fill(password);
    await page.locator('[data-testid="connect"]').click();
    await page.getByText('You are connected as user').waitFor({ timeout: 30_000 });

    const guide = await play(page, `${service.url}${GUIDE_PATH}`);
    await guide.locator('pre.runnable').first().waitFor();
    await guide.screenshot({ path: join(screenshotDir, 'steward-guide.png') });

    // the first runnable block applies the style; its ▶ icon runs it
    await guide.locator('pre.runnable i').first().click();
    await frameOf(page, ':style').getByText('node.Identifier').waitFor();

    // the slides go on until the first query: its parameters, then the query itself
    const queryBlock = guide.locator('pre.runnable', { hasText: /^\s*MATCH/ });
    while (!(await queryBlock.isVisible())) await guide.locator('.next-slide').first().click();
    const params = guide.locator('pre.runnable', { hasText: ':param' });
    expect(await params.count()).toBe(1);
    await params.locator('i').click();
    await frameOf(page, ':param')
      .getByTestId('rawParamData')
      .filter({ hasText: '"member_id:MBR001"' })
      .waitFor();

    // a click puts the query in the editor; the user runs it
    await queryBlock.click();
    await page.keyboard.press('Control+Enter');
    const result = frameOf(page, 'MATCH (start:Identifier');
    // the graph of MBR001's person: it and its identifiers, captioned by the guide's style
    const { data } = await service.gql<{ person: { identifiers: unknown[] } }>(
      '{ person(identifier: {type: "member_id", value: "MBR001"}) { identifiers { type } } }',
    );
    const nodes = (data?.person.identifiers.length ?? 0) + 1;
    await expect.poll(() => result.locator('g.node').count(), { timeout: 30_000 }).toBe(nodes);
    await result.screenshot({ path: join(screenshotDir, 'steward-guide-person.png') });
    await result.getByText('Table', { exact: true }).click();
    expect(await result.locator('table tbody tr').count()).toBeGreaterThan(0);
    await result.getByText('"member_id:MBR001"').first().waitFor();
  });
});
