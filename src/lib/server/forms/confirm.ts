import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Confirmation } from '$lib/confirmation';
import { checkbox } from './process-fields';
import { present, type DependentKind, type Dependents, type Removal } from '../records/dependents';

const labels: Record<DependentKind, (inputs: { count: number }) => string> = {
	approvedMinutes: m.dependent_approved_minutes,
	minutes: m.dependent_minutes,
	activities: m.dependent_activities,
	ideas: m.dependent_ideas,
	dots: m.dependent_dots,
	attendees: m.dependent_attendees,
	agendaItems: m.dependent_agenda_items,
	events: m.dependent_events,
	members: m.dependent_members,
	measures: m.dependent_measures,
	goals: m.dependent_goals,
	adoptedResults: m.dependent_adopted_results,
	sources: m.dependent_sources,
	statusUpdates: m.dependent_status_updates,
	workshopQuestions: m.dependent_workshop_questions,
	bodies: m.dependent_bodies
};

/** One translated line per kind of record that depends on the one to delete. */
export function dependentLines(dependents: Dependents): string[] {
	return present(dependents).map(([kind, count]) => labels[kind]({ count }));
}

/** The dependents as one phrase, for a refusal: "Maßnahmen: 3, Ziele: 1". */
export function dependentList(dependents: Dependents): string {
	return dependentLines(dependents).join(', ');
}

/**
 * Answers the first submit of a destructive action with the question to confirm it, naming what
 * depends on the record and whether it is deleted or archived.
 */
export function askToConfirm(
	confirmation: Omit<Confirmation, 'affected' | 'consequence' | 'confirmLabel'> & {
		dependents?: Dependents;
		removal?: Removal;
		consequence?: string;
		confirmLabel?: string;
	}
) {
	const { dependents = {}, removal = 'deleted', ...rest } = confirmation;
	const confirm: Confirmation = {
		...rest,
		affected: dependentLines(dependents),
		consequence:
			confirmation.consequence ??
			(removal === 'archived' ? m.confirm_archive_consequence() : m.confirm_delete_consequence()),
		confirmLabel:
			confirmation.confirmLabel ??
			(removal === 'archived' ? m.confirm_archive() : m.delete_confirm())
	};
	return fail(409, { confirm });
}

/** The second submit of a destructive action carries `confirmed=on`. */
export const confirmed = { confirmed: checkbox };
