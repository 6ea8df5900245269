// How Chromium is started, for Playwright and for Lighthouse alike.
export const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DEFAULT_CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
