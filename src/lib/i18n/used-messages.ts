/**
 * For the tests that check a page family speaks every participant language: which message keys
 * its sources use, and each language's message file. Tests run from the project's root.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageLocales, type PageLocale } from './area';

const src = join(process.cwd(), 'src');

function filesUnder(path: string): string[] {
	const full = join(src, path);
	if (/\.(svelte|ts)$/.test(path)) return [full];
	return readdirSync(full, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts'))
		.map((name) => join(full, name));
}

/** Every `m.key` in the sources (files or folders below src/), plus the shared keys, sorted. */
export function messageKeysOf(sources: string[], shared: string[]): string[] {
	return [
		...new Set([
			...sources
				.flatMap(filesUnder)
				.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bm\.([a-z0-9_]+)\b/g)])
				.map((match) => match[1]!),
			...shared
		])
	].sort();
}

/** The message file of every participant and public page language, as written. */
export function messageFiles<Message = unknown>(): Record<PageLocale, Record<string, Message>> {
	return Object.fromEntries(
		pageLocales.map((locale) => [
			locale,
			JSON.parse(readFileSync(join(src, `lib/i18n/messages/${locale}.json`), 'utf8')) as Record<
				string,
				Message
			>
		])
	) as Record<PageLocale, Record<string, Message>>;
}
