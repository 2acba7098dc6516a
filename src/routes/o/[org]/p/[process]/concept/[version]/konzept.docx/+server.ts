import { requireVersion } from '$lib/server/concept/guard';
import { conceptDocx } from '$lib/server/export/concept';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { process, version } = requireVersion(event, 'readProcess');
	return new Response(new Uint8Array(await conceptDocx(version)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${process.slug}-fassung-${version.number}.docx"`
		}
	});
};
