import { describe, expect, it } from 'vitest';
import { createTestDb, createTestEvent, createTestOrganisation } from '../../../../tests/factories';
import type * as table from '../db/schema';
import { createActivity, moveToStage } from '../workshop/activities';
import { submitIdea } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import { placeDot } from '../workshop/votes';
import { addField, listFields } from '../process/fields';
import { reviewResults } from './dashboard';
import { linkAsTopic, unlinkTopic } from './topics';

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
		expect(
			reviewResults(db, process.id, { fieldId: null, eventId: null, phaseId: null }, 1)
		).toEqual([]);
		moveToStage(db, activity, 'revealed');

		const items = reviewResults(db, process.id, { fieldId: null, eventId: null, phaseId: null }, 1);
		expect(items.map((i) => [i.label, i.dots, i.share, i.breadth])).toEqual([
			['Jobcafé', 4, 4 / 6, 1],
			['Vereinsförderung', 2, 2 / 6, 0]
		]);
		expect(
			reviewResults(db, process.id, { fieldId: work, eventId: null, phaseId: null }, 1)
		).toHaveLength(2);
		expect(
			reviewResults(db, process.id, { fieldId: language, eventId: null, phaseId: null }, 1)
		).toEqual([]);
	});

	it('adds up results linked as one topic, counting each person once', () => {
		const db = createTestDb();
		const { process, event } = createTestEvent(db, createTestOrganisation(db).id);
		const people = (['politics', 'volunteers', 'volunteers'] as const).map(
			(category) =>
				joinEvent(db, event.id, { displayName: null, category, locale: 'de' }).participant
		);
		// Two rounds that both came up with language cafés.
		const round = (question: string, text: string) => {
			let activity = createActivity(db, event.id, {
				question,
				fieldOfActionId: null,
				dotsPerParticipant: 3,
				maxDotsPerTarget: 3,
				namedIdeas: false
			});
			const result = submitIdea(db, activity, {
				participantId: people[0]!.id,
				clientId: question,
				text,
				language: 'de'
			});
			if (!result.ok) throw new Error(result.error);
			for (const stage of ['clustering', 'voting'] as const) {
				const moved = moveToStage(db, activity, stage);
				if (moved.ok) activity = moved.value;
			}
			return { activity, idea: result.value.idea };
		};
		const a = round('Runde 1', 'Sprachcafé');
		const b = round('Runde 2', 'Sprachtreff im Quartier');
		const vote = (r: typeof a, person: table.Participant, n: number) => {
			for (let i = 0; i < n; i++)
				placeDot(db, r.activity, person.id, `${r.activity.id}-${person.id}-${i}`, {
					kind: 'idea',
					id: r.idea.id
				});
		};
		vote(a, people[0]!, 2);
		vote(a, people[1]!, 1);
		vote(b, people[1]!, 1);
		vote(b, people[2]!, 2);
		moveToStage(db, a.activity, 'revealed');
		moveToStage(db, b.activity, 'revealed');

		const none = { fieldId: null, eventId: null, phaseId: null };
		expect(reviewResults(db, process.id, none, 1)).toHaveLength(2);
		expect(
			linkAsTopic(db, process.id, 'Sprachcafés', [
				{ activityId: a.activity.id, kind: 'idea', id: a.idea.id },
				{ activityId: a.activity.id, kind: 'idea', id: a.idea.id }
			])
		).toBeUndefined();
		const topic = linkAsTopic(db, process.id, 'Sprachcafés', [
			{ activityId: a.activity.id, kind: 'idea', id: a.idea.id },
			{ activityId: b.activity.id, kind: 'idea', id: b.idea.id }
		])!;
		const [line] = reviewResults(db, process.id, none, 1);
		expect(line).toMatchObject({
			label: 'Sprachcafés',
			topicId: topic.id,
			dots: 6,
			voters: 3,
			share: 1
		});
		expect(line!.byCategory).toEqual(
			expect.arrayContaining([
				{ category: 'politics', dots: 2, voters: 1 },
				{ category: 'volunteers', dots: 4, voters: 2 }
			])
		);
		unlinkTopic(db, process.id, topic.id);
		expect(reviewResults(db, process.id, none, 1)).toHaveLength(2);
	});
});
