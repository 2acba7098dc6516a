// Prints one line `N passed, N failed` over the vitest and Playwright JSON reports.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
const [vitestReport, playwrightReport] = process.argv.slice(2);

if (existsSync(vitestReport)) {
	const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
	passed += report.numPassedTests;
	// A file that fails to load fails no test of its own, but is a failure all the same.
	failed += report.numFailedTests + report.numFailedTestSuites;
} else {
	failed += 1;
	console.error(`no vitest report at ${vitestReport}`);
}

if (existsSync(playwrightReport)) {
	const { stats, errors } = JSON.parse(readFileSync(playwrightReport, 'utf8'));
	passed += stats.expected + stats.flaky;
	// Errors outside any test (a web server that does not start) count as failures.
	failed += stats.unexpected + errors.length;
} else {
	failed += 1;
	console.error(`no Playwright report at ${playwrightReport}`);
}

console.log(`${passed} passed, ${failed} failed`);
