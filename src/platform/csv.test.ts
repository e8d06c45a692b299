import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.ts';

test('quoted fields keep commas, newlines and doubled quotes; BOM and CRLF are handled', () => {
  const text = '\ufeffa,b,c\r\n"x, y","line1\nline2","say ""hi"""\r\n1,,3\n';
  assert.deepEqual(parseCsv(text), [
    ['a', 'b', 'c'],
    ['x, y', 'line1\nline2', 'say "hi"'],
    ['1', '', '3'],
  ]);
});

test('blank lines are skipped and a last line without newline is kept', () => {
  assert.deepEqual(parseCsv('a,b\n\nc,d'), [['a', 'b'], ['c', 'd']]);
});
