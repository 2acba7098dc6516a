import { adoptedConceptOf } from '../council/steps';
import { adoptionLine } from '../council/wording';
import type { Db } from '../db';

/**
 * The concept version the council adopted, if any, with the bodies and the day of the decision
 * (its Beratungsfolge). The one place the public pages learn of an adoption.
 */
export function adoptedVersionOf(db: Db, processId: number) {
	const adopted = adoptedConceptOf(db, processId);
	if (!adopted) return undefined;
	const line = adoptionLine(adopted);
	return { ...adopted.version, adoptedOn: line.on, adoptedBy: line.by };
}
