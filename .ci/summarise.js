// Prints one line `N passed, N failed` over the vitest and Playwright JSON reports.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const [vitestReport, playwrightReport] = process.argv.slice(2);

if (existsSync(vitestReport)) {
	const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
} else {
	failed += 1;
	console.error(`no vitest report at ${vitestReport}`);
}

if (existsSync(playwrightReport)) {
	const { stats } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected;
} else {
	failed += 1;
	console.error(`no Playwright report at ${playwrightReport}`);
}

console.log(`${passed} passed, ${failed} failed`);
