import { describe, expect, it } from 'vitest';
import { printable } from '../src/printable.js';

describe('printable', () => {
  it('escapes control characters and the invisible ones that reorder text, and leaves the rest', () => {
    expect(printable('Sec\u001b[31mOps\u0007')).toBe('Sec\\u{1b}[31mOps\\u{7}');
    expect(printable('evil\u202egnp.exe')).toBe('evil\\u{202e}gnp.exe');
    expect(printable('Zoë & Sam <sec&ops@example.com> 😀')).toBe('Zoë & Sam <sec&ops@example.com> 😀');
  });
});
