import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { createActivity, moveToStage, translateQuestion } from '../workshop/activities';
import { createCluster, submitIdea, translateCluster } from '../workshop/ideas';
import { joinEvent } from '../workshop/participants';
import type { DotTarget } from '../../workshop/messages';
import { placeDot } from '../workshop/votes';
import { draftMinutes } from '../minutes/minutes';
import type { Translations } from '../../workshop/translations';

// Who came to the demo's finished workshop: self-declared groups and phone languages. Two
// groups are large enough to be shown on their own; the others are merged in the results
// (MIN_GROUP_SIZE), so that no one's dots can be told from them.
const people: [table.StakeholderCategory | null, table.ParticipantLocale][] = [
	['administration', 'de'],
	['administration', 'de'],
	['administration', 'de'],
	['administration', 'de'],
	['administration', 'de'],
	['politics', 'de'],
	['civil_society', 'de'],
	['civil_society', 'de'],
	['civil_society', 'de'],
	['civil_society', 'de'],
	['civil_society', 'tr'],
	['migrant_organisation', 'ar'],
	['migrant_organisation', 'fa'],
	['volunteers', 'de'],
	['volunteers', 'uk'],
	['business', 'de'],
	['business', 'de'],
	[null, 'ru']
];

// The question as the moderator's interpreters gave it to the phones (German stays the original).
const questionTranslations = {
	en: 'What makes it easier for immigrants to start working?',
	tr: 'Göçmenlerin iş hayatına girişini ne kolaylaştırır?',
	ar: 'ما الذي يسهّل على المهاجرين الدخول إلى سوق العمل؟',
	uk: 'Що полегшує мігрантам вихід на ринок праці?',
	'de-x-ls': 'Sie sind neu in Deutschland. Sie suchen Arbeit. Was hilft Ihnen dabei?'
};
const clusterTranslations: Record<string, Translations> = {
	Anerkennung: {
		en: 'Recognition of qualifications',
		ar: 'الاعتراف بالمؤهلات',
		uk: 'Визнання кваліфікацій'
	},
	'Sprache im Beruf': { en: 'Language at work', ar: 'اللغة في العمل', uk: 'Мова на роботі' }
};

// Ideas as participants typed them, with the group they were clustered into (or none).
const ideas: [string, string, string | null][] = [
	['Anerkennung ausländischer Abschlüsse schneller prüfen', 'de', 'Anerkennung'],
	['Beratung zur Anerkennung an einem Ort bündeln', 'de', 'Anerkennung'],
	['Berufssprachkurse mit Kinderbetreuung', 'de', 'Sprache im Beruf'],
	['دورات لغة مهنية في المساء للعاملين', 'ar', 'Sprache im Beruf'],
	['Praktika in Betrieben vermitteln', 'de', 'Betriebe öffnen'],
	['İşletmelerde deneme haftaları', 'tr', 'Betriebe öffnen'],
	['Jobcafé mit Ehrenamtlichen', 'de', null],
	['Менторы из той же профессии', 'ru', null]
];

/**
 * A finished expert conference two weeks back: eighteen phones, eight ideas in three clusters,
 * dots cast and revealed, the activity closed and the minutes drafted from it, so that the
 * demo shows the road from a workshop to its minutes and measures.
 */
export function seedFinishedWorkshop(db: Db, processId: number, startsAt: string, endsAt: string) {
	const field = db
		.select()
		.from(table.fieldOfAction)
		.where(and(eq(table.fieldOfAction.processId, processId), eq(table.fieldOfAction.code, '2')))
		.get();
	const event = db
		.insert(table.event)
		.values({
			processId,
			title: 'Fachkonferenz Arbeitsmarkt',
			description: 'Fachworkshop mit Betrieben, Jobcenter, Kammern und Migrantenorganisationen.',
			place: 'Jobcenter Landau, Seminarraum',
			startsAt,
			endsAt,
			status: 'closed'
		})
		.returning()
		.get();
	let activity = createActivity(db, event.id, {
		question: 'Was erleichtert Zugewanderten den Einstieg in Arbeit?',
		fieldOfActionId: field?.id ?? null,
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		namedIdeas: false
	});
	const translated = translateQuestion(db, activity, questionTranslations);
	if (translated.ok) activity = translated.value;
	const phones = people.map(
		([category, locale]) =>
			joinEvent(db, event.id, { displayName: null, category, locale }).participant
	);
	const stored = ideas.map(([text, language], i) => {
		const result = submitIdea(db, activity, {
			participantId: phones[i % phones.length]!.id,
			clientId: `demo-${i}`,
			text,
			language
		});
		if (!result.ok) throw new Error(`demo idea refused: ${result.error}`);
		return result.value.idea;
	});
	const advance = (stage: table.ActivityStage) => {
		const moved = moveToStage(db, activity, stage);
		if (!moved.ok) throw new Error(`demo workshop cannot move to ${stage}`);
		activity = moved.value;
	};
	advance('clustering');
	const clusters = new Map<string, number>();
	for (const title of new Set(ideas.map(([, , cluster]) => cluster).filter((c) => c !== null))) {
		const members = stored.filter((_, i) => ideas[i]![2] === title).map((idea) => idea.id);
		const cluster = createCluster(db, activity, title, members);
		if (!cluster.ok) continue;
		clusters.set(title, cluster.value.id);
		const translations = clusterTranslations[title];
		if (translations) translateCluster(db, activity, cluster.value.id, translations);
	}
	advance('voting');
	const targets: DotTarget[] = [
		...[...clusters.values()].map((id) => ({ kind: 'cluster' as const, id })),
		...stored
			.filter((_, i) => ideas[i]![2] === null)
			.map((idea) => ({ kind: 'idea' as const, id: idea.id }))
	];
	// A fixed pattern, so the demo always ranks the same way: Anerkennung first.
	const choices = [0, 0, 1, 0, 2, 1, 3, 0, 1, 2, 4, 0, 1, 2, 0, 3, 1, 0, 2, 4, 0, 1, 3, 2];
	phones.forEach((phone, p) => {
		for (let dot = 0; dot < 3; dot++) {
			const target = targets[choices[(p * 3 + dot) % choices.length]! % targets.length]!;
			placeDot(db, activity, phone.id, `demo-${p}-${dot}`, target);
		}
	});
	advance('revealed');
	advance('closed');
	draftMinutes(db, event.id);
}
