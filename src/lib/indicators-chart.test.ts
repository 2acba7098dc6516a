import { describe, expect, it } from 'vitest';
import { chartColumns } from './indicators';

const box = { width: 200, height: 120, top: 20, bottom: 20 };

describe('the chart of an indicator', () => {
	it('draws one column per value against the larger of the values and the target', () => {
		const chart = chartColumns(
			[
				{ label: '01.25', value: 10 },
				{ label: '03.26', value: null },
				{ label: '09.26', value: 40 }
			],
			80,
			box
		);
		expect(chart.baseline).toBe(100);
		expect(chart.columns.map(({ label, value, height }) => ({ label, value, height }))).toEqual([
			{ label: '01.25', value: 10, height: 10 },
			{ label: '09.26', value: 40, height: 40 }
		]);
		expect(chart.columns[1]!.x).toBeGreaterThan(chart.columns[0]!.x + chart.columns[0]!.width);
		expect(chart.columns[1]!.x + chart.columns[1]!.width).toBeLessThanOrEqual(200);
		expect(chart.target).toBe(20);
	});

	it('keeps a value above the target inside the box and a negative value on the axis', () => {
		const chart = chartColumns(
			[
				{ label: 'a', value: -5 },
				{ label: 'b', value: 160 }
			],
			80,
			box
		);
		expect(chart.columns.map((column) => column.height)).toEqual([0, 80]);
		expect(chart.columns[1]!.y).toBe(20);
		expect(chart.target).toBe(60);
	});

	it('draws nothing without values, and no target line without a scale', () => {
		expect(chartColumns([{ label: 'a', value: null }], null, box)).toEqual({
			columns: [],
			baseline: 100,
			target: null
		});
		expect(chartColumns([{ label: 'a', value: 0 }], 0, box).target).toBeNull();
	});

	it('drops the labels of narrow columns and keeps their numbers', () => {
		const points = Array.from({ length: 12 }, (_, n) => ({ label: `${n}`, value: n }));
		const chart = chartColumns(points, null, box);
		expect(chart.columns).toHaveLength(12);
		expect(chart.columns.every((column) => column.label === '')).toBe(true);
	});
});
