import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, watchPageErrors } from '../support/browser.ts';

describe('the browser the tests drive', () => {
  let session: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('reports an accessibility violation on a page that has one, and none on a page that has none', async () => {
    const page = await session.browser.newPage();
    await page.setContent(
      '<!doctype html><html><head><title>t</title></head><body><img src="x.png"></body></html>',
    );
    const bad = await accessibilityViolations(page);
    expect(bad.map((v) => v.id)).toContain('image-alt');
    await page.setContent(
      '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>Fine</h1><p>Words.</p></main></body></html>',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('collects the errors a page raises', async () => {
    const page = await session.browser.newPage();
    const errors = watchPageErrors(page);
    await page.setContent(
      '<!doctype html><script>console.error("broken"); throw new Error("thrown")</script>',
    );
    await page.waitForTimeout(50);
    expect(errors).toEqual(['console: broken', 'page error: thrown']);
    await page.close();
  });
});
