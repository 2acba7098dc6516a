import { getDb } from '$lib/server/db';
import { catalogueXlsx } from '$lib/server/export/catalogue-csv';
import { requireProcess } from '$lib/server/guard';
import { todayIn } from '$lib/server/time';
import { m } from '$lib/paraglide/messages';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { process } = requireProcess(event, 'readProcess');
	const file = await catalogueXlsx(getDb(), process.id, todayIn(), m.measures_title());
	return new Response(new Uint8Array(file), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="massnahmen-${process.slug}.xlsx"`
		}
	});
};
