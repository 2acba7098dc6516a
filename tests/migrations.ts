import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';
import { migrationsFolder } from '../src/lib/server/db';
import { tempDatabasePath } from './factories';

/**
 * The migrations before the one whose tag ends with `tagEnd`, in a folder of their own (removed
 * when the test ends), so a test can build the schema of then, add rows, and migrate on.
 */
export function migrationsBefore(tagEnd: string) {
	const folder = join(dirname(tempDatabasePath()), 'drizzle');
	onTestFinished(() => rmSync(dirname(folder), { recursive: true, force: true }));
	mkdirSync(join(folder, 'meta'), { recursive: true });
	const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
	const earlier = journal.entries.slice(
		0,
		journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith(tagEnd))
	);
	writeFileSync(
		join(folder, 'meta/_journal.json'),
		JSON.stringify({ ...journal, entries: earlier })
	);
	for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql'))) {
		if (earlier.some((e: { tag: string }) => `${e.tag}.sql` === file)) {
			cpSync(join(migrationsFolder, file), join(folder, file));
		}
	}
	return folder;
}
