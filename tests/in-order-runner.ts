import type { SerializedConfig } from 'vitest';
import { VitestTestRunner } from 'vitest/runners';

/**
 * Temporary: runs a file's tests in the order written while the rest of the suite shuffles
 * (vitest shuffles tests globally, not per project). Only for a file that still needs it.
 */
export default class InOrderRunner extends VitestTestRunner {
	constructor(config: SerializedConfig) {
		super({ ...config, sequence: { ...config.sequence, shuffle: false } });
	}
}
