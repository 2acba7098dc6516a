import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import * as table from '../db/schema';
import { listUpdatesOfProcess } from '../monitoring/monitoring';
import { statusAt } from '../monitoring/status-at';
import { formatDate } from '../../format';
import { indicatorFromTo } from '../../indicators';
import { adoptedVersionOf } from './adopted';

/**
 * What a goal measures, as one line: its indicators from baseline to target, or the free text
 * of versions saved before goals had indicators.
 */
export function goalAim(goal: {
	title: string;
	indicator?: string;
	targetValue?: string;
	indicators?: table.SnapshotIndicator[];
}) {
	if (goal.indicators && goal.indicators.length > 0) {
		return {
			title: goal.title,
			indicator: goal.indicators
				.map((indicator) => indicatorFromTo(indicator, 'de-DE', (day) => formatDate(day)))
				.join('; '),
			targetValue: ''
		};
	}
	return {
		title: goal.title,
		indicator: goal.indicator ?? '',
		targetValue: goal.targetValue ?? ''
	};
}

/**
 * The adopted concept as the public page shows it: the adopted version's fields, goals and
 * measures, each measure with its status on `today` (the one rule of status-at.ts). A measure
 * removed from the catalogue since keeps the status the version recorded.
 */
export function adoptedConcept(db: Db, processId: number, today: string) {
	const version = adoptedVersionOf(db, processId);
	if (!version) return null;
	const catalogue = new Map(
		db
			.select({ id: table.measure.id, status: table.measure.status })
			.from(table.measure)
			.where(eq(table.measure.processId, processId))
			.all()
			.map((row) => [row.id, row.status])
	);
	const histories = listUpdatesOfProcess(db, processId);
	const statusOf = (id: number, recorded: table.MeasureStatus) => {
		const current = catalogue.get(id);
		if (current === undefined) return recorded;
		return statusAt(histories.get(id) ?? [], today, current).status ?? current;
	};
	return {
		number: version.number,
		adoptedOn: version.adoptedOn,
		adoptedBy: version.adoptedBy,
		introduction: version.snapshot.introduction,
		fields: version.snapshot.fields.map((field) => ({
			code: field.code,
			title: field.title,
			description: field.description,
			goals: field.goals.map(goalAim),
			measures: field.measures.map((measure) => ({
				id: measure.id,
				number: measure.number,
				title: measure.title,
				description: measure.description,
				lead: measure.lead,
				timeframe: measure.timeframe,
				status: statusOf(measure.id, measure.status)
			}))
		}))
	};
}
