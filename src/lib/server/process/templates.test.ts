import { describe, expect, it } from 'vitest';
import { layOutPhases, templatePhases } from './templates';

describe('process templates', () => {
	it('lay out the Landau sequence from the start date', () => {
		const phases = layOutPhases('landau', '2017-06-01');
		expect(phases.map((p) => p.title)).toEqual(templatePhases.landau.map((p) => p.title));
		expect(phases[0]).toMatchObject({ position: 0, startsOn: '2017-06-01', endsOn: '2017-06-30' });
		expect(phases.at(-1)).toMatchObject({
			title: 'Beschluss im Stadtrat',
			startsOn: '2018-02-01',
			endsOn: '2018-02-28'
		});
	});

	it('never end a phase before it starts', () => {
		for (const template of ['landau', 'fuehrungsakademie'] as const) {
			for (const phase of layOutPhases(template, '2026-01-31')) {
				expect(phase.endsOn >= phase.startsOn).toBe(true);
			}
		}
	});

	it('offer an empty template', () => {
		expect(layOutPhases('empty', '2026-01-01')).toEqual([]);
	});
});
