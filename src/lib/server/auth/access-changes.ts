/**
 * Tells whoever holds long-lived connections that a user's rights may have shrunk (logout,
 * an ended session, a changed role, a membership removed), so that they check again at once
 * instead of at the next request. Transport-free: the live server subscribes.
 */
type Listener = (userId: number) => void;

const listeners = new Set<Listener>();

export function onAccessChanged(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function accessChanged(userId: number) {
	for (const listener of listeners) listener(userId);
}
