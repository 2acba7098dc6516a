import { getDb } from '$lib/server/db';
import { statusReportDocx } from '$lib/server/export/status-report-docx';
import { requireProcess } from '$lib/server/guard';
import { statusReport } from '$lib/server/monitoring/monitoring';
import { reportPeriod } from '$lib/server/monitoring/period';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { organisation, process } = requireProcess(event, 'readProcess');
	const { from, to } = reportPeriod(event.url.searchParams);
	const document = await statusReportDocx(statusReport(getDb(), process.id, from, to), {
		organisation: organisation.name,
		process: process.title
	});
	return new Response(new Uint8Array(document), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="sachstandsbericht-${process.slug}-${from}-${to}.docx"`
		}
	});
};
