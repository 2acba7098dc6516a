// Production entry. A plain `npm start` serves http://localhost:PORT; behind a proxy or on an
// intranet host name, set ORIGIN (see README), or SvelteKit refuses form posts as cross-site.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT || 3000}`;

await import('./build/index.js');
