import { roleAllows } from '$lib/server/auth/roles';
import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { currentPhase, listPhases } from '$lib/server/process/phases';
import { todayIn } from '$lib/server/time';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { process, role } = requireProcess(event, 'readProcess');
	event.depends('app:phases');
	const { current, next } = currentPhase(listPhases(getDb(), process.id), todayIn());
	return {
		phaseLine: current
			? { kind: 'current' as const, title: current.title, date: current.endsOn }
			: next
				? { kind: 'next' as const, title: next.title, date: next.startsOn }
				: null,
		process: {
			slug: process.slug,
			title: process.title,
			status: process.status,
			isPublic: process.isPublic
		},
		canEditProcess: roleAllows(role, 'editProcess'),
		canManageEvents: roleAllows(role, 'manageEvents'),
		canManageMeasures: roleAllows(role, 'manageMeasures')
	};
};
