import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
await page.goto('http://localhost:3200/login');
await page.fill('input[name=email]', 'integration@landau.example');
await page.fill('input[name=password]', 'mitwirken-demo');
await page.click('main button');
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const [path, out] of process.argv.slice(2).map((a) => a.split('='))) {
  const r = await page.goto('http://localhost:3200' + path);
  console.log(path, r.status());
  await page.screenshot({ path: out, fullPage: true });
}
await browser.close();
