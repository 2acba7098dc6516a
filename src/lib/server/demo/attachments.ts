import { eq } from 'drizzle-orm';
import { addAttachment } from '../attachments/attachments';
import type { Db } from '../db';
import * as table from '../db/schema';

/** The lines of the demo's council paper; fictitious, with no names of people. */
const paper = [
	'Stadt Landau in der Pfalz (Demo)',
	'Beschlussvorlage',
	'',
	'Integrationskonzept 2.0: Fortschreibung',
	'',
	'Beratungsfolge: Ausschuss für Soziales, Stadtrat',
	'',
	'Beschlussvorschlag:',
	'Der Stadtrat nimmt den Entwurf des Integrationskonzepts 2.0 zur Kenntnis',
	'und beauftragt die Verwaltung, ihn mit der Prozesssteuerungsgruppe',
	'fortzuschreiben und zur Integrationskonferenz vorzulegen.',
	'',
	'Begründung:',
	'Das Konzept wird etwa alle fünf Jahre fortgeschrieben; die Integrations-',
	'konferenz prüft es alle zwei Jahre. Die Ergebnisse der Fachkonferenzen',
	'fließen in die Maßnahmen der Handlungsfelder ein.'
];

/**
 * A one-page PDF of `lines`, made by hand: Helvetica in WinAnsi encoding (umlauts and ß
 * included), with a correct cross-reference table, so every PDF reader opens it.
 */
export function simplePdf(lines: string[]): Uint8Array {
	const escape = (line: string) => line.replace(/[\\()]/g, (char) => `\\${char}`);
	const text = lines
		.map((line, i) => `${i === 0 ? '' : '0 -18 Td '}(${escape(line)}) Tj`)
		.join('\n');
	const stream = `BT /F1 12 Tf 72 770 Td\n${text}\nET`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`
	];
	let pdf = '%PDF-1.4\n';
	const offsets = objects.map((body, i) => {
		const offset = Buffer.byteLength(pdf, 'latin1');
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return offset;
	});
	const xref = Buffer.byteLength(pdf, 'latin1');
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/** The council paper of the demo process, attached to the process and shown publicly. */
export function seedAttachments(db: Db, processId: number) {
	const owner = db
		.select({ id: table.user.id, name: table.user.name })
		.from(table.user)
		.where(eq(table.user.email, 'integration@landau.example'))
		.get();
	addAttachment(
		db,
		processId,
		{ kind: 'process' },
		{
			title: 'Beschlussvorlage Fortschreibung Integrationskonzept',
			fileName: 'Beschlussvorlage-Integrationskonzept-2.0.pdf',
			content: simplePdf(paper),
			isPublic: true
		},
		owner ?? { id: null, name: 'Demo' }
	);
}
