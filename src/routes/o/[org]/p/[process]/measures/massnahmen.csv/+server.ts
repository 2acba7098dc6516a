import { getDb } from '$lib/server/db';
import { catalogueCsv } from '$lib/server/export/catalogue-csv';
import { requireProcess } from '$lib/server/guard';
import { todayIn } from '$lib/server/time';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { process } = requireProcess(event, 'readProcess');
	return new Response(catalogueCsv(getDb(), process.id, todayIn()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="massnahmen-${process.slug}.csv"`
		}
	});
};
