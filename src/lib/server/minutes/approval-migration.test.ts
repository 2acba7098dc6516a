import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../../../../tests/factories';

const folder = join(import.meta.dirname, '../../../../drizzle');
const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as {
	entries: { tag: string }[];
};

function apply(client: Database.Database, tag: string) {
	const sql = readFileSync(join(folder, `${tag}.sql`), 'utf8');
	for (const statement of sql.split('--> statement-breakpoint')) {
		if (statement.trim()) client.exec(statement);
	}
}

describe('the migration to approvals as bodies decide', () => {
	it('keeps approved minutes approved and records who approved them', () => {
		const client = new Database(tempDatabasePath());
		client.pragma('foreign_keys = ON');
		const tags = journal.entries.map((entry) => entry.tag);
		const ours = tags.findIndex((tag) => tag.endsWith('_governance'));
		expect(ours).toBeGreaterThan(0);
		for (const tag of tags.slice(0, ours)) apply(client, tag);

		client.exec(`
			INSERT INTO organisation (id, slug, name, kind) VALUES (1, 'kreis', 'Landkreis', 'landkreis');
			INSERT INTO user (id, email, name, password_hash) VALUES (1, 'a@kreis.example', 'Vorsitz', 'x');
			INSERT INTO process (id, organisation_id, slug, title, template) VALUES (1, 1, 'p', 'Konzept', 'empty');
			INSERT INTO event (id, process_id, title, starts_at, ends_at) VALUES (1, 1, 'Sitzung', '2026-03-01T17:00', '2026-03-01T19:00');
			INSERT INTO event (id, process_id, title, starts_at, ends_at) VALUES (2, 1, 'Sitzung', '2026-04-01T17:00', '2026-04-01T19:00');
			INSERT INTO minutes (id, event_id, revision, status, attendees, results, approved_at, approved_by, approved_by_name)
				VALUES (1, 1, 1, 'approved', '[]', '{"activities":[]}', 1772380800000, 1, 'Vorsitz');
			INSERT INTO minutes (id, event_id, revision, status, attendees, results)
				VALUES (2, 2, 1, 'submitted', '[]', '{"activities":[]}');
		`);
		for (const tag of tags.slice(ours)) apply(client, tag);

		const minutes = client
			.prepare('SELECT id, status, approval_round FROM minutes ORDER BY id')
			.all();
		expect(minutes).toEqual([
			{ id: 1, status: 'approved', approval_round: 0 },
			{ id: 2, status: 'submitted', approval_round: 0 }
		]);
		expect(
			client
				.prepare(
					'SELECT minutes_id, round, user_id, name, decision, created_at FROM minutes_approval'
				)
				.all()
		).toEqual([
			{
				minutes_id: 1,
				round: 0,
				user_id: 1,
				name: 'Vorsitz',
				decision: 'approved',
				created_at: 1772380800000
			}
		]);
		// Bodies approve as before: one member.
		client.exec(
			"INSERT INTO body (id, process_id, kind, name) VALUES (1, 1, 'steering_group', 'Steuerung')"
		);
		expect(client.prepare('SELECT approval_rule FROM body').get()).toEqual({
			approval_rule: 'any_member'
		});
		client.close();
	});
});
