import * as v from 'valibot';
import { signVideoMaxMegabytes } from '../../sign-video';

const megabytes = v.pipe(
	v.string(),
	v.trim(),
	v.toNumber(),
	v.integer(),
	v.minValue(1),
	v.maxValue(signVideoMaxMegabytes)
);

/** `SIGN_VIDEO_MAX_MB` (1 to 200, default 200): the largest sign-language video taken, in MB. */
export function signVideoLimitMegabytes(
	env: Record<string, string | undefined> = process.env
): number {
	const value = env.SIGN_VIDEO_MAX_MB;
	if (value === undefined || value.trim() === '') return signVideoMaxMegabytes;
	const parsed = v.safeParse(megabytes, value);
	return parsed.success ? parsed.output : signVideoMaxMegabytes;
}

export function signVideoLimitBytes(env: Record<string, string | undefined> = process.env): number {
	return signVideoLimitMegabytes(env) * 1024 * 1024;
}
