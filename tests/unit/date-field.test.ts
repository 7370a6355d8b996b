import { describe, expect, it } from 'vitest';
import { parseDay, showDay } from '../../renderer/src/ui/DateField';

describe('a date typed in the clinic order (day/month/year)', () => {
  it.each([
    ['05/12/2026', '2026-12-05'],
    ['5/1/2026', '2026-01-05'],
    ['05-12-2026', '2026-12-05'],
    ['05.12.2026', '2026-12-05'],
    [' 29/02/2028 ', '2028-02-29'],
    ['2026-12-05', '2026-12-05'],
  ])('%s is %s', (typed, day) => expect(parseDay(typed)).toBe(day));

  it.each(['31/02/2026', '29/02/2027', '12/13/2026', '00/01/2026', '5/12/26', '12/05', 'tomorrow', ''])('%s is not a day', (typed) =>
    expect(parseDay(typed)).toBeNull());

  it('is shown back in the same order', () => {
    expect(showDay('2026-12-05')).toBe('05/12/2026');
    expect(showDay('05/1')).toBe('05/1');
  });
});
