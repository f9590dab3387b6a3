import { describe, expect, it } from 'vitest';
import { idRange, numberArray, quotedUuid, quotedUuidArray, uuidArray, wordArray } from './array-literals.ts';

const A = '0190a0c0-0000-7000-8000-000000000001';
const B = '0190A0C0-0000-7000-8000-000000000002';

describe('array literals', () => {
  it.each([
    [uuidArray([A, null, B, A]), `{${A},NULL,${B},${A}}`],
    [uuidArray([]), '{}'],
    [wordArray(['first_reply', null]), '{first_reply,NULL}'],
    [numberArray([1, -2, 1.5, null, 1762000000123]), '{1,-2,1.5,NULL,1762000000123}'],
    [quotedUuid(B), `'${B}'::uuid`],
    [quotedUuidArray([A, B]), `'{${A},${B}}'::uuid[]`],
  ])('%s', (literal, expected) => {
    expect(literal).toBe(expected);
  });

  it.each([
    ['a uuid with a quote', () => uuidArray([`${A}"`])],
    ['a uuid with a brace', () => uuidArray(['}'])],
    ['a quoted uuid with a quote', () => quotedUuid(`${A}'; drop table tickets; --`)],
    ['a quoted uuid array with a quote', () => quotedUuidArray([`'`])],
    ['a word with a comma', () => wordArray(['a,b'])],
    ['an upper-case word', () => wordArray(['First'])],
    ['an infinite number', () => numberArray([Number.POSITIVE_INFINITY])],
    ['not a number', () => numberArray([Number.NaN])],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(/cannot go into an array literal/);
  });

  it('gives the lowest and highest id in text order, in lower case', () => {
    expect(idRange([B, A])).toEqual({ lo: A, hi: B.toLowerCase() });
    expect(idRange([A])).toEqual({ lo: A, hi: A });
    expect(() => idRange([])).toThrow(/no ids/);
  });
});
