/**
 * The browser and system named by a user agent, enough for people to recognise their own
 * sessions ("Firefox, Windows"). Order matters: Edge and Opera also call themselves Chrome,
 * Chrome also calls itself Safari, and Android also calls itself Linux.
 */
const browsers: [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\b(OPR|Opera)\//, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\b(Firefox|FxiOS)\//, 'Firefox'],
	[/(Chrome|CriOS|Chromium)\//, 'Chrome'],
	[/\bSafari\//, 'Safari']
];

const systems: [RegExp, string][] = [
	[/\b(iPhone|iPad|iPod)\b/, 'iOS'],
	[/\bAndroid\b/, 'Android'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

export interface BrowserDescription {
	browser: string | null;
	system: string | null;
}

export function describeUserAgent(userAgent: string): BrowserDescription {
	const find = (list: [RegExp, string][]) =>
		list.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
	return { browser: find(browsers), system: find(systems) };
}
