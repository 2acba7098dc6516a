import { getDb } from '$lib/server/db';
import { requireProcess } from '$lib/server/guard';
import { yearlyPlan } from '$lib/server/monitoring/monitoring';
import { todayIn } from '$lib/server/time';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	return { plan: yearlyPlan(getDb(), process.id, todayIn()) };
};
