import type { Db } from '../src/lib/server/db';
import type * as table from '../src/lib/server/db/schema';
import { createActivity, moveToStage } from '../src/lib/server/workshop/activities';
import { submitIdea } from '../src/lib/server/workshop/ideas';
import { joinEvent } from '../src/lib/server/workshop/participants';
import { placeDot } from '../src/lib/server/workshop/votes';

/**
 * A revealed workshop in the event: one phone per entry of `groups` (its self-declared group),
 * two ideas, and every phone's dots on the first idea ("Sprachcafé"), except the phones of
 * `dissenters`, which give theirs to the second ("Jobcafé").
 */
export function seedVotedWorkshop(
	db: Db,
	eventId: number,
	groups: (table.StakeholderCategory | null)[],
	dissenters: number[] = []
) {
	let activity = createActivity(db, eventId, {
		question: 'Was hilft beim Ankommen?',
		fieldOfActionId: null,
		dotsPerParticipant: 2,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const phones = groups.map((category, index) =>
		joinEvent(db, eventId, {
			displayName: `Telefon ${index + 1}`,
			category,
			locale: 'de'
		})
	);
	const ideas = ['Sprachcafé', 'Jobcafé'].map((text) => {
		const result = submitIdea(db, activity, {
			participantId: phones[0]!.participant.id,
			clientId: `idea-${text}`,
			text,
			language: 'de'
		});
		if (!result.ok) throw new Error(result.error);
		return result.value.idea;
	});
	const advance = (stage: table.ActivityStage) => {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(`cannot move to ${stage}`);
		activity = moved.value;
	};
	advance('clustering');
	advance('voting');
	phones.forEach(({ participant }, index) => {
		const idea = ideas[dissenters.includes(index) ? 1 : 0]!;
		for (let dot = 0; dot < 2; dot++) {
			const placed = placeDot(db, activity, participant.id, `dot-${index}-${dot}`, {
				kind: 'idea',
				id: idea.id
			});
			if (!placed.ok) throw new Error(placed.error);
		}
	});
	advance('revealed');
	return { activity, phones, ideas };
}
