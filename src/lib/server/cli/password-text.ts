import {
	maxPasswordLength,
	minPasswordLength,
	type PasswordProblem
} from '../auth/password-policy';

/** The password policy's refusals in the shell's words (English, like the rest of the command line). */
export function passwordProblemText(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return `the password needs at least ${minPasswordLength} characters`;
		case 'too_long':
			return `the password may have at most ${maxPasswordLength} characters`;
		case 'common':
			return 'the password is one of the most commonly used ones; choose another';
		case 'personal':
			return 'the password must not contain the e-mail address or the name';
	}
}
