/** A Storage that lives in memory, like localStorage without a browser. */
export class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
	private items = new Map<string, string>();

	constructor(initial: Record<string, string> = {}) {
		for (const [key, value] of Object.entries(initial)) this.items.set(key, value);
	}

	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}

	setItem(key: string, value: string) {
		this.items.set(key, String(value));
	}

	removeItem(key: string) {
		this.items.delete(key);
	}
}

/** A Storage that is full or disabled (private mode): every write throws. */
export class FullStorage extends MemoryStorage {
	override setItem(): never {
		throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
	}
}
