/** Views as the server sends them, for tests of the rules and of the browser's state. */
import type { ActivityView, ClusterView, IdeaView, TallyView } from './protocol';

export function ideaOf(id: number, fields: Partial<IdeaView> = {}): IdeaView {
	return {
		id,
		text: `Idee ${id}`,
		language: 'de',
		clusterId: null,
		mergedIntoId: null,
		hidden: false,
		author: null,
		...fields
	};
}

export const clusterOf = (
	id: number,
	title = `Cluster ${id}`,
	titleTranslations: ClusterView['titleTranslations'] = {}
): ClusterView => ({ id, title, titleTranslations });

export function activityOf(id: number, fields: Partial<ActivityView> = {}): ActivityView {
	return {
		id,
		eventId: 1,
		question: `Frage ${id}`,
		questionTranslations: {},
		stage: 'collecting',
		dotsPerParticipant: 3,
		maxDotsPerTarget: 2,
		liveResults: false,
		ideas: [],
		clusters: [],
		tallies: null,
		mine: null,
		...fields
	};
}

export const tallyOf = (
	kind: 'idea' | 'cluster',
	id: number,
	dots: number,
	voters: number
): TallyView => ({ target: { kind, id }, dots, voters });
