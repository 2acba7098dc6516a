import { roleAllows } from '$lib/server/auth/roles';
import { requireProcess } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { process, role } = requireProcess(event, 'readProcess');
	return {
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
