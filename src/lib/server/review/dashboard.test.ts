import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import type * as table from '../db/schema';
import { createActivity, moveToStage } from '../live/activities';
import { submitIdea } from '../live/ideas';
import { joinEvent } from '../live/participants';
import { placeDot } from '../live/votes';
import { addField, listFields } from '../process/fields';
import { reviewResults } from './dashboard';

describe('the review dashboard', () => {
	it('lists revealed results with their share, breadth of support, and filters by field', () => {
		const db = createTestDb();
		const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
		addField(db, process.id, { code: '1', title: 'Sprache', description: '' });
		addField(db, process.id, { code: '2', title: 'Arbeit', description: '' });
		const [language, work] = listFields(db, process.id).map((f) => f.id) as [number, number];

		// Two groups of two people each.
		const people = (['politics', 'politics', 'volunteers', 'volunteers'] as const).map(
			(category) =>
				joinEvent(db, event.id, { displayName: null, category, locale: 'de' }).participant
		);
		let activity = createActivity(db, event.id, {
			question: 'Was fehlt?',
			fieldOfActionId: work,
			dotsPerParticipant: 2,
			maxDotsPerTarget: 2,
			namedIdeas: false
		});
		const idea = (text: string) => {
			const result = submitIdea(db, activity, {
				participantId: people[0]!.id,
				clientId: text,
				text,
				language: 'de'
			});
			if (!result.ok) throw new Error(result.error);
			return result.value.idea;
		};
		const broad = idea('Jobcafé');
		const narrow = idea('Vereinsförderung');
		for (const stage of ['clustering', 'voting'] as const) {
			const moved = moveToStage(db, activity, stage);
			if (moved.ok) activity = moved.value;
		}
		const give = (person: table.Participant, target: table.Idea, n: number) => {
			for (let i = 0; i < n; i++) {
				placeDot(db, activity, person.id, `${person.id}-${target.id}-${i}`, {
					kind: 'idea',
					id: target.id
				});
			}
		};
		// Everybody gives the job café one dot; only the volunteers back the clubs.
		people.forEach((person) => give(person, broad, 1));
		give(people[2]!, narrow, 1);
		give(people[3]!, narrow, 1);
		expect(reviewResults(db, process.id, { fieldId: null, eventId: null, phaseId: null })).toEqual(
			[]
		);
		moveToStage(db, activity, 'revealed');

		const items = reviewResults(db, process.id, { fieldId: null, eventId: null, phaseId: null });
		expect(items.map((i) => [i.label, i.dots, i.share, i.breadth])).toEqual([
			['Jobcafé', 4, 4 / 6, 1],
			['Vereinsförderung', 2, 2 / 6, 0]
		]);
		expect(
			reviewResults(db, process.id, { fieldId: work, eventId: null, phaseId: null })
		).toHaveLength(2);
		expect(
			reviewResults(db, process.id, { fieldId: language, eventId: null, phaseId: null })
		).toEqual([]);
	});
});
