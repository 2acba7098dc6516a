import { describe, expect, it } from 'vitest';
import { processTemplates } from '../db/schema';
import { layOutPhases, processTemplateDefinitions, templateBodies } from './templates';

describe('process templates', () => {
	it('lay out the Landau sequence from the start date', () => {
		const phases = layOutPhases('landau', '2017-06-01', 'stadt');
		expect(phases).toHaveLength(processTemplateDefinitions.landau.phases.length);
		expect(phases[0]).toMatchObject({ position: 0, startsOn: '2017-06-01', endsOn: '2017-06-30' });
		expect(phases.at(-1)).toMatchObject({
			title: 'Beschluss im Stadtrat',
			description: 'Der Stadtrat beschließt das fortgeschriebene Integrationskonzept.',
			startsOn: '2018-02-01',
			endsOn: '2018-02-28'
		});
	});

	it('name the council phase and body after the organisation’s council', () => {
		for (const [kind, council] of [
			['landkreis', 'Kreistag'],
			['stadt', 'Stadtrat'],
			['gemeinde', 'Gemeinderat']
		] as const) {
			for (const template of processTemplates.filter((t) => t !== 'empty')) {
				const titles = layOutPhases(template, '2026-01-01', kind).map((p) => p.title);
				// The Führungsakademie informs the public after the council's legitimation.
				const councilPhase = template === 'fuehrungsakademie' ? titles.at(-2) : titles.at(-1);
				expect(councilPhase).toBe(`Beschluss im ${council}`);
				expect(titles.join(' ')).not.toContain('{council}');
				const bodies = templateBodies(template, kind);
				expect(bodies.filter((b) => b.kind === 'council').map((b) => b.name)).toEqual([council]);
				expect(bodies.map((b) => b.description).join(' ')).not.toContain('{council}');
			}
		}
	});

	it('give the Landau steering group its 6/6/7 seat plan of at most 19', () => {
		const steering = templateBodies('landau', 'stadt').find((b) => b.kind === 'steering_group');
		expect(steering).toMatchObject({
			name: 'Prozesssteuerungsgruppe',
			maxMembers: 19,
			seats: { politics: 6, administration: 6, civil_society: 7 },
			isPublic: false
		});
	});

	it('start the Führungsakademie process with the needs analysis', () => {
		expect(layOutPhases('fuehrungsakademie', '2018-07-01', 'landkreis')[0]!.title).toBe(
			'Bedarfsanalyse vor Ort'
		);
	});

	it('never end a phase before it starts', () => {
		for (const template of processTemplates) {
			for (const phase of layOutPhases(template, '2026-01-31', 'landkreis')) {
				expect(phase.endsOn >= phase.startsOn).toBe(true);
			}
		}
	});

	it('offer an empty template', () => {
		expect(layOutPhases('empty', '2026-01-01', 'stadt')).toEqual([]);
		expect(templateBodies('empty', 'stadt')).toEqual([]);
	});
});
