import { unprintable } from '../pdf/document';

// Receipts are printed in English with fonts that draw Latin script: a name written in another script
// (Devanagari, Tamil, …) is printed in the Latin spelling the patient or doctor uses on documents.

const OTHER_SCRIPT = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** True when a receipt cannot print the name as written. */
export const needsLatinSpelling = (name: string): boolean => OTHER_SCRIPT.test(name) || unprintable(name).length > 0;
