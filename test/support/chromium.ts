/**
 * Headless Chromium for the report's browser checks, through puppeteer-core (which drives the
 * installed browser and downloads none). The browser is looked for at AELAB_CHROMIUM, then the
 * usual Debian/Ubuntu paths; when none is there the tests skip with that reason.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { available, skipUnless } from './requirements.js';

const CANDIDATES = [
  process.env.AELAB_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** The browser's path, or undefined when none is installed (or AELAB_TEST_WITHOUT hides it). */
export function chromiumPath(): string | undefined {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  return available('chromium', () => found !== undefined) ? found : undefined;
}

/** For `test(name, { skip: chromiumSkipReason() }, ...)`: false when a browser is there. */
export function chromiumSkipReason(): string | false {
  return skipUnless(
    'chromium',
    () => chromiumPath() !== undefined,
    'no Chromium installed (looked at $AELAB_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)',
  );
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('no Chromium installed');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export interface PageCheck {
  /** Console errors and warnings, uncaught page errors, CSP violations. */
  readonly problems: string[];
  /** Every request the page made that was not the page itself or a data: URI. */
  readonly outsideRequests: string[];
  readonly images: { alt: string; naturalWidth: number; complete: boolean }[];
  readonly svgCount: number;
  readonly title: string;
}

/** Opens an HTML file, waits until it has loaded, and reports what went wrong and what loaded. */
export async function checkPage(
  browser: Browser,
  file: string,
  opts: { screenshot?: string; width?: number } = {},
): Promise<PageCheck> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const outsideRequests: string[] = [];
  const url = pathToFileURL(file).href;
  try {
    await page.setViewport({ width: opts.width ?? 1200, height: 900 });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) =>
      problems.push(`request failed: ${r.url().slice(0, 120)} ${r.failure()?.errorText ?? ''}`),
    );
    page.on('request', (r) => {
      const u = r.url();
      if (u !== url && !u.startsWith('data:')) outsideRequests.push(u);
    });
    await page.goto(url, { waitUntil: 'load' });
    const result = await page.evaluate(() => ({
      images: [...document.images].map((i) => ({ alt: i.alt, naturalWidth: i.naturalWidth, complete: i.complete })),
      svgCount: document.querySelectorAll('svg').length,
      title: document.title,
    }));
    if (opts.screenshot) await page.screenshot({ path: opts.screenshot as `${string}.png`, fullPage: true });
    return { problems, outsideRequests, ...result };
  } finally {
    await page.close();
  }
}
