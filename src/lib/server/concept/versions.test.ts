import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import {
	councilStep,
	createTestDb,
	createTestEvent,
	createTestOrganisation,
	createTestUser
} from '../../../../tests/factories';
import type { Db } from '../db';
import type * as table from '../db/schema';
import { conceptDocx, conceptMarkdown } from '../export/concept';
import { addField, addGuideline, listFields } from '../process/fields';
import { addIndicator } from '../monitoring/indicators';
import {
	addGoal,
	createMeasure,
	removeMeasure,
	updateMeasure,
	type MeasureInput
} from './measures';
import { compareVersions, deleteVersion, findVersion, listVersions, saveVersion } from './versions';
import { addStep, adoptionLineOf } from '../council/steps';

const hostile = '<script>alert(1)</script> **fett** | [Link](javascript:alert(1)) & Co';

let db: Db;
let process: table.Process;
let author: { id: number; name: string };
let work: number;

const measure = (title: string, overrides: Partial<MeasureInput> = {}): MeasureInput => ({
	fieldOfActionId: work,
	goalId: null,
	title,
	description: '',
	lead: 'Jobcenter',
	timeframe: 'short',
	costEstimate: '10.000 €',
	funding: 'own_budget',
	priority: 'high',
	status: 'proposed',
	...overrides
});

beforeEach(async () => {
	db = createTestDb();
	process = createTestEvent(db, createTestOrganisation(db).id).process;
	author = await createTestUser(db, { name: 'Integrationsbeauftragte' });
	addField(db, process.id, { code: '2', title: 'Arbeitsmarkt', description: '' });
	addGuideline(db, process.id, { title: 'Beteiligung', description: 'Betroffene einbinden' });
	work = listFields(db, process.id)[0]!.id;
});

const save = (note: string) =>
	saveVersion(db, process, 'Landkreis Lörrach', { introduction: 'Einleitung', note }, author);

describe('concept versions', () => {
	it('compare: added, changed and dropped measures', () => {
		const kept = createMeasure(db, process.id, measure('Jobcafé'))!;
		const dropped = createMeasure(db, process.id, measure('Messe'))!;
		const first = save('Entwurf');
		updateMeasure(db, process.id, kept.id, measure('Jobcafé', { lead: 'IHK', status: 'agreed' }));
		removeMeasure(db, process.id, dropped.id);
		createMeasure(db, process.id, measure('Anerkennungsberatung'));
		const second = save('Nach der Steuerungsgruppe');

		expect(listVersions(db, process.id).map((v) => [v.number, v.note])).toEqual([
			[2, 'Nach der Steuerungsgruppe'],
			[1, 'Entwurf']
		]);
		const diff = compareVersions(first.snapshot, second.snapshot);
		expect(diff.added.map((m) => m.title)).toEqual(['Anerkennungsberatung']);
		expect(diff.dropped.map((m) => m.title)).toEqual(['Messe']);
		expect(diff.changed).toEqual([expect.objectContaining({ fields: ['lead', 'status'] })]);
		expect(diff.changed[0]!.after).toMatchObject({ number: '2.1', lead: 'IHK' });
	});

	it('list each goal’s indicators from baseline to target, and still read older versions’ goal text', () => {
		const goal = addGoal(db, process.id, work, { title: 'Schneller in Arbeit' })!;
		addIndicator(db, process.id, goal.id, {
			name: 'Beschäftigte Geflüchtete',
			unit: 'Personen',
			baselineValue: 410,
			baselineOn: '2024-12-31',
			targetValue: 600,
			targetOn: '2028-12-31'
		});
		const version = save('Mit Indikatoren');
		expect(version.snapshot.fields[0]!.goals).toEqual([
			{
				title: 'Schneller in Arbeit',
				indicators: [
					{
						name: 'Beschäftigte Geflüchtete',
						unit: 'Personen',
						baselineValue: 410,
						baselineOn: '2024-12-31',
						targetValue: 600,
						targetOn: '2028-12-31'
					}
				]
			}
		]);
		expect(conceptMarkdown(version)).toContain(
			'Schneller in Arbeit – Indikator: Beschäftigte Geflüchtete: 410 Personen → 600 Personen bis 31. Dezember 2028'
		);
		// A version saved while goals kept their indicator as free text.
		const older = structuredClone(version);
		older.snapshot.fields[0]!.goals = [
			{
				title: 'Schneller in Arbeit',
				indicator: 'Beschäftigungsquote',
				targetValue: '50 % bis 2028'
			}
		];
		expect(conceptMarkdown(older)).toContain(
			'Schneller in Arbeit – Indikator: Beschäftigungsquote – Zielwert: 50 % bis 2028'
		);
	});

	it('freeze once adopted: no second adoption, no deletion', () => {
		const version = save('Beschlussvorlage');
		const decision = councilStep({ meetingOn: '2027-03-15' });
		const author = { name: 'Integrationsbeauftragte' };
		expect(addStep(db, process.id, version.id, decision, author, '2027-03-20')).toMatchObject({
			ok: true,
			adopted: true
		});
		expect(addStep(db, process.id, version.id, decision, author, '2027-03-20')).toEqual({
			ok: false,
			problem: 'frozen'
		});
		expect(deleteVersion(db, process.id, version.id)).toBe(false);
		expect(adoptionLineOf(db, version.id)).toEqual({ by: 'Kreistag', on: '2027-03-15' });
		const draft = save('Verworfen');
		expect(deleteVersion(db, process.id, draft.id)).toBe(true);
		expect(findVersion(db, process.id, version.id)).toBeDefined();
	});

	it('export as Word with the measures table, and as Markdown with hostile text defused', async () => {
		createMeasure(db, process.id, measure(hostile));
		const version = save('Export');
		const files = unzipSync(new Uint8Array(await conceptDocx(version)));
		const xml = strFromU8(files['word/document.xml']!);
		expect(xml).toContain('Handlungsfelder, Ziele und Maßnahmen');
		expect(xml).toMatch(/<w:tbl>.*Nr\./s);
		expect(xml).toContain('10.000 €');
		expect(xml).not.toContain('<script>');
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

		const markdown = conceptMarkdown(version);
		expect(markdown).toContain('| Nr. | Titel | Federführung | Zeitraum | Kosten | Priorität |');
		expect(markdown).toContain(
			'| 2.1 | &lt;script&gt;alert(1)&lt;/script&gt; \\*\\*fett\\*\\* \\| \\[Link\\](javascript:alert(1)) &amp; Co | Jobcenter |'
		);
		expect(markdown).not.toContain('<script>');
		expect(markdown).toContain('1. Beteiligung: Betroffene einbinden');
	});
});
