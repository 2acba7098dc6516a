import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms/parse';
import { startersOf, stepForm, stepInputOf } from './form';

const formOf = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
};

describe('the step form', () => {
	it('cleans hostile text to one line and reads votes, checkboxes and starters', () => {
		const data = formOf([
			['bodyName', 'Kreis\ntag\u202e <script>'],
			['meetingOn', '2026-11-20'],
			['paperNumber', '2026/117\t'],
			['result', 'adopted'],
			['votesYes', ' 30 '],
			['votesNo', '5'],
			['votesAbstained', ''],
			['isFinal', 'on'],
			['oparlUrl', 'https://ris.example/oparl/paper/117'],
			['starter', '3'],
			['starter', '7']
		]);
		const form = parseForm(stepForm, data);
		expect(form.ok).toBe(true);
		if (!form.ok) return;
		expect(stepInputOf(form.data, startersOf(data)!)).toMatchObject({
			bodyId: null,
			bodyName: 'Kreis tag <script>',
			paperNumber: '2026/117',
			votesYes: 30,
			votesNo: 5,
			votesAbstained: null,
			isFinal: true,
			isPublic: false,
			starterMeasureIds: [3, 7]
		});
	});

	it('refuses other addresses than https, impossible votes and unknown results', () => {
		const refused = (key: string, value: string) => {
			const form = parseForm(
				stepForm,
				formOf([
					['result', 'pending'],
					[key, value]
				])
			);
			return form.ok ? undefined : form.errors[key];
		};
		for (const url of ['http://ris.example/paper', 'javascript:alert(1)', 'ris.example/paper']) {
			expect(refused('oparlUrl', url)).toBe('Bitte geben Sie eine https-Adresse an.');
		}
		for (const votes of ['-1', '1000', '2.5', 'dreißig'])
			expect(refused('votesYes', votes)).toBeDefined();
		expect(refused('result', 'angenommen')).toBeDefined();
		expect(refused('meetingOn', '2026-02-30')).toBeDefined();
		expect(startersOf(formOf([['starter', 'abc']]))).toBeUndefined();
	});
});
