import { requireVersion } from '$lib/server/concept/guard';
import { adoptionLineOf } from '$lib/server/council/steps';
import { getDb } from '$lib/server/db';
import { conceptDocx } from '$lib/server/export/concept';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { process, version } = requireVersion(event, 'readProcess');
	return new Response(
		new Uint8Array(await conceptDocx(version, adoptionLineOf(getDb(), version.id))),
		{
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'content-disposition': `attachment; filename="${process.slug}-fassung-${version.number}.docx"`
			}
		}
	);
};
