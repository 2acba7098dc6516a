/** Small files of every kind an attachment may be, and of kinds it may not, built in code. */
import { strToU8, zipSync } from 'fflate';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...strToU8(part)] : part)));

const openDocument = (type: string, parts: Record<string, string> = {}) =>
	zipSync({
		mimetype: [strToU8(type), { level: 0 }],
		'content.xml': strToU8('<office:document-content/>'),
		'META-INF/manifest.xml': strToU8('<manifest:manifest/>'),
		...Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)]))
	});

const officeOpenXml = (parts: Record<string, string>, types = '<Types/>') =>
	zipSync({
		'[Content_Types].xml': strToU8(types),
		...Object.fromEntries(Object.entries(parts).map(([name, text]) => [name, strToU8(text)]))
	});

const relationship = (type: string, target: string, external: boolean) =>
	`<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/></Relationships>`;

/** Only the local header of an OpenDocument's first entry, then anything: no zip behind it. */
const odtHeaderOnly = () => {
	const type = 'application/vnd.oasis.opendocument.text';
	const header = new Uint8Array(30);
	const data = new DataView(header.buffer);
	data.setUint32(0, 0x04034b50, true);
	data.setUint32(18, type.length, true);
	data.setUint32(22, type.length, true);
	data.setUint16(26, 'mimetype'.length, true);
	return bytes([...header], 'mimetype', type, 'MZ<script>alert(1)</script>');
};

/** Accepted: file name, content, and the media type it is stored as. */
export const acceptedSamples = [
	{
		name: 'Beschlussvorlage.pdf',
		content: bytes('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
		mediaType: 'application/pdf'
	},
	{
		name: 'Anlage 1.docx',
		content: officeOpenXml({
			'word/document.xml': '<w:document/>',
			// A link to a web page is an external relationship too, and harmless.
			'word/_rels/document.xml.rels': relationship('hyperlink', 'https://oparl.org/', true)
		}),
		mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
	},
	{
		name: 'Kosten.xlsx',
		content: officeOpenXml({ 'xl/workbook.xml': '<workbook/>' }),
		mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	},
	{
		name: 'Stellungnahme.odt',
		content: openDocument('application/vnd.oasis.opendocument.text'),
		mediaType: 'application/vnd.oasis.opendocument.text'
	},
	{
		name: 'Zahlen.ods',
		content: openDocument('application/vnd.oasis.opendocument.spreadsheet'),
		mediaType: 'application/vnd.oasis.opendocument.spreadsheet'
	},
	{
		name: 'Foto.png',
		content: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
		mediaType: 'image/png'
	},
	{
		name: 'Plakat.jpg',
		content: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'),
		mediaType: 'image/jpeg'
	},
	{
		name: 'Notiz.txt',
		content: bytes('Sitzung am 12. März: Übersicht\n'),
		mediaType: 'text/plain; charset=utf-8'
	},
	{
		name: 'Liste.csv',
		content: bytes('Name;Ort\n', [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72], ';Ulm\n'),
		mediaType: 'text/csv; charset=windows-1252'
	}
] as const;

/** Refused: file name, content, and the reason (`FileRefusal`). */
export const refusedSamples = [
	{ name: 'leer.pdf', content: new Uint8Array(0), reason: 'empty' },
	{
		name: 'Vorlage.pdf',
		content: bytes('MZ', [0x90, 0, 3, 0], 'This program cannot be run in DOS mode'),
		reason: 'executable'
	},
	{
		name: 'Seite.html',
		content: bytes('<!doctype html><script>alert(1)</script>'),
		reason: 'markup'
	},
	{
		name: 'Logo.svg',
		content: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
		reason: 'markup'
	},
	{ name: 'Bericht.txt', content: bytes('Bericht\n<script>alert(1)</script>\n'), reason: 'markup' },
	{ name: 'Bericht.docx', content: bytes('Das ist kein Word-Dokument.\n'), reason: 'mismatch' },
	{
		name: 'Makro.docx',
		content: officeOpenXml({ 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'x' }),
		reason: 'macros'
	},
	{
		name: 'Makro umbenannt.docx',
		content: officeOpenXml(
			{ 'word/document.xml': '<w:document/>', 'word/a.bin': 'x' },
			'<Types><Override PartName="/word/a.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
		),
		reason: 'macros'
	},
	{
		name: 'Makrovorlage.docx',
		content: officeOpenXml(
			{ 'word/document.xml': '<w:document/>' },
			'<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
		),
		reason: 'macros'
	},
	{
		name: 'Fernvorlage.docx',
		content: officeOpenXml({
			'word/document.xml': '<w:document/>',
			'word/_rels/settings.xml.rels': relationship(
				'attachedTemplate',
				'https://x.example/v.dotm',
				true
			)
		}),
		reason: 'macros'
	},
	{
		name: 'Steuerelement.xlsx',
		content: officeOpenXml({
			'xl/workbook.xml': '<workbook/>',
			'xl/activeX/activeX1.xml': '<ax/>'
		}),
		reason: 'macros'
	},
	{
		name: 'Objekt.docx',
		content: officeOpenXml({
			'word/document.xml': '<w:document/>',
			'word/embeddings/oleObject1.bin': 'x'
		}),
		reason: 'macros'
	},
	{
		name: 'Basic.odt',
		content: openDocument('application/vnd.oasis.opendocument.text', {
			'Basic/Standard/Module1.xml': '<script:module/>'
		}),
		reason: 'macros'
	},
	{ name: 'Kopf.odt', content: odtHeaderOnly(), reason: 'other_zip' },
	{ name: 'Paket.zip', content: zipSync({ 'a.txt': strToU8('a') }), reason: 'other_zip' },
	{
		name: 'Alt.doc',
		content: bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
		reason: 'legacy_office'
	},
	{ name: 'Daten.bin', content: bytes([0, 1, 2, 3, 0xff, 0xfe]), reason: 'unknown' }
] as const;

/** A PDF of `size` bytes: a header and filler. */
export function pdfOfSize(size: number): Uint8Array {
	const content = new Uint8Array(size).fill(0x20);
	content.set(strToU8('%PDF-1.4\n'));
	return content;
}
