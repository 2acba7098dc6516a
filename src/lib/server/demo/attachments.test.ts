import { describe, expect, it } from 'vitest';
import { identifyFile } from '../attachments/file-types';
import { simplePdf } from './attachments';

describe('the demo council paper', () => {
	it('is a PDF whose cross-reference table points at its objects', () => {
		const pdf = simplePdf(['Beschlussvorlage', 'Maßnahmen für Familien (Entwurf)']);
		expect(identifyFile(pdf, 'Vorlage.pdf')).toMatchObject({ ok: true, kind: 'pdf' });
		const text = Buffer.from(pdf).toString('latin1');
		expect(text).toContain('(Ma\u00dfnahmen f\u00fcr Familien \\(Entwurf\\)) Tj');
		const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
		expect(text.slice(xref, xref + 4)).toBe('xref');
		const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
		expect(offsets).toHaveLength(5);
		offsets.forEach((offset, i) =>
			expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true)
		);
	});
});
