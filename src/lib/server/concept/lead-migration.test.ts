import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createTestOrganisation, tempDatabasePath } from '../../../../tests/factories';
import { migrationsBefore } from '../../../../tests/migrations';
import { openDatabase, type Db } from '../db';
import * as schema from '../db/schema';
import { addField, listFields } from '../process/fields';
import { listCataloguePage, readCatalogueQuery } from './catalogue';

describe('the lead organisation migration', () => {
	it('stores a typed lead that spells an organisation of the list by its key, and leaves the rest', () => {
		const path = tempDatabasePath();
		onTestFinished(() => rmSync(dirname(path), { recursive: true, force: true }));
		const old = drizzle({ client: new Database(path), schema }) as Db;
		migrate(old, { migrationsFolder: migrationsBefore('_lead_organisation') });
		const organisation = createTestOrganisation(old);
		const process = old.$client
			.prepare(
				"INSERT INTO process (organisation_id, slug, title, template) VALUES (?, 'ik', 'IK', 'empty') RETURNING id"
			)
			.get(organisation.id) as { id: number };
		addField(old, process.id, { code: '1', title: 'Arbeit', description: '' });
		const field = listFields(old, process.id)[0]!.id;
		const insert = old.$client.prepare(
			'INSERT INTO measure (process_id, field_of_action_id, title, lead, position) VALUES (?, ?, ?, ?, ?)'
		);
		const leads = [
			'Jobcenter',
			' KOMMUNEN ',
			'Agentur für Arbeit',
			'Jobcentre',
			'Sozialamt',
			'Jobcenter Landau',
			''
		];
		leads.forEach((lead, position) =>
			insert.run(process.id, field, `Maßnahme ${position}`, lead, position)
		);
		old.$client.close();

		const db = openDatabase(path);
		onTestFinished(() => {
			db.$client.close();
		});
		const query = readCatalogueQuery(db, process.id, new URLSearchParams('per=100'));
		expect(listCataloguePage(db, process.id, query).measures.map((row) => row.lead)).toEqual([
			'jobcenter',
			'kommunen',
			'agentur_fuer_arbeit',
			'jobcenter',
			'Sozialamt',
			'Jobcenter Landau',
			''
		]);
		// The search still finds them by their words.
		const found = readCatalogueQuery(db, process.id, new URLSearchParams('q=Arbeit&per=100'));
		expect(listCataloguePage(db, process.id, found).measures).toHaveLength(1);
	});
});
