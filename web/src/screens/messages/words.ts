import { screenWords } from '../../i18n/screen-words.ts';

/** This screen's words in English and Arabic (GLOSSARY.md), spread into i18n/en.ts and ar.ts. */
export const words = screenWords({}, {});
