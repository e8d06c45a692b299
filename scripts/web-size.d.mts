/** The JavaScript and CSS a first visit to the web app loads (see web-size.mjs). */
export function firstLoad(): { scripts: string[]; css: string[]; jsGzip: number; cssGzip: number };
