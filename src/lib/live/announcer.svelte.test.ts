import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer } from './announcer.svelte';

const newIdeas = (count: number) => `Neue Ideen: ${count}`;

describe('the live announcer', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('summarises ideas arriving one by one into one message', () => {
		const announcer = new Announcer(newIdeas, 5_000);
		announcer.ideasArrived(1);
		announcer.ideasArrived(1);
		announcer.ideasArrived(1);
		expect(announcer.text).toBe('');
		vi.runAllTimers();
		expect(announcer.text).toBe('Neue Ideen: 3');
	});

	it('says ideas at most once per interval', () => {
		const announcer = new Announcer(newIdeas, 5_000);
		announcer.ideasArrived(2);
		vi.advanceTimersByTime(0);
		expect(announcer.text).toBe('Neue Ideen: 2');
		announcer.ideasArrived(1);
		vi.advanceTimersByTime(4_000);
		announcer.ideasArrived(4);
		expect(announcer.text).toBe('Neue Ideen: 2');
		vi.advanceTimersByTime(1_000);
		expect(announcer.text).toBe('Neue Ideen: 5');
	});

	it('says a stage change at once and drops the ideas counted before it', () => {
		const announcer = new Announcer(newIdeas, 5_000);
		announcer.ideasArrived(3);
		announcer.announce('Abstimmen mit Punkten');
		expect(announcer.text).toBe('Abstimmen mit Punkten');
		vi.runAllTimers();
		expect(announcer.text).toBe('Abstimmen mit Punkten');
	});

	it('makes a repeated message new, so that it is said again', () => {
		const announcer = new Announcer(newIdeas, 5_000);
		announcer.announce('Ihre Punkte: noch 2 von 3');
		announcer.announce('Ihre Punkte: noch 2 von 3');
		expect(announcer.text).not.toBe('Ihre Punkte: noch 2 von 3');
		expect(announcer.text.trim()).toBe('Ihre Punkte: noch 2 von 3');
	});

	it('stays silent when no idea is new', () => {
		const announcer = new Announcer(newIdeas, 5_000);
		announcer.ideasArrived(0);
		announcer.ideasArrived(-1);
		vi.runAllTimers();
		expect(announcer.text).toBe('');
	});
});
