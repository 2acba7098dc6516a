import { describe, expect, it } from 'vitest';
import { parseLegalText } from './legal';

describe('parseLegalText', () => {
	it('reads headings, paragraphs with line breaks and lists', () => {
		expect(
			parseLegalText('## Anbieter\nLandratsamt\nPalmstraße 3\n\n- Auskunft\n- Löschung\n\nEnde')
		).toEqual([
			{ kind: 'heading', text: 'Anbieter' },
			{ kind: 'paragraph', lines: [[{ text: 'Landratsamt' }], [{ text: 'Palmstraße 3' }]] },
			{ kind: 'list', items: [[{ text: 'Auskunft' }], [{ text: 'Löschung' }]] },
			{ kind: 'paragraph', lines: [[{ text: 'Ende' }]] }
		]);
	});

	it('keeps HTML as text and links only web and e-mail addresses', () => {
		const [block] = parseLegalText(
			'<script>alert(1)</script> mail datenschutz@kreis.example, see https://kreis.example/ds.'
		);
		expect(block).toEqual({
			kind: 'paragraph',
			lines: [
				[
					{ text: '<script>alert(1)</script> mail ' },
					{ text: 'datenschutz@kreis.example', href: 'mailto:datenschutz@kreis.example' },
					{ text: ', see ' },
					{ text: 'https://kreis.example/ds', href: 'https://kreis.example/ds' },
					{ text: '.' }
				]
			]
		});
	});

	it('never makes a link of a javascript: address', () => {
		const links = parseLegalText('javascript:alert(1)').flatMap((block) =>
			block.kind === 'paragraph' ? block.lines.flat().filter((part) => part.href) : []
		);
		expect(links).toEqual([]);
	});
});
