import { describe, expect, it } from 'vitest';
import { billTotals, lineTax, placeOfSupply, supplyOf } from '../../shared/gst';
import { amountInWords, formatRupees, MAX_PAISE, parseRupees, plainRupees } from '../../shared/money';

describe('rupees', () => {
  it.each([
    ['500', 50_000],
    ['1,250', 125_000],
    ['1250.5', 125_050],
    ['₹ 1,23,456.78', 12_345_678],
    ['Rs. 99', 9_900],
    ['1,234,567.89', 123_456_789],
    ['0.01', 1],
    ['0', 0],
    ['99,99,99,999.99', MAX_PAISE],
  ])('reads %s as %i paise', (text, paise) => expect(parseRupees(text)).toBe(paise));

  it.each(['', 'abc', '-5', '1.234', '1,23', '12,34', '1..2', '1 000', '1e5', '100,00,00,000.00', '₹'])('refuses %j', (text) => {
    expect(parseRupees(text)).toBeNull();
  });

  it.each([
    [0, '₹0.00'],
    [1, '₹0.01'],
    [99_999, '₹999.99'],
    [100_000, '₹1,000.00'],
    [12_345_678, '₹1,23,456.78'],
    [10_000_000_000, '₹10,00,00,000.00'],
    [MAX_PAISE, '₹99,99,99,999.99'],
    [-59_000, '−₹590.00'],
  ])('writes %i paise as %s, in Indian grouping', (paise, text) => expect(formatRupees(paise)).toBe(text));

  it('writes plain amounts for a spreadsheet', () => {
    expect([plainRupees(12_345_678), plainRupees(-5), plainRupees(0)]).toEqual(['123456.78', '-0.05', '0.00']);
  });

  it.each([
    [0, 'Rupees Zero Only'],
    [1, 'Rupees Zero and One Paisa Only'],
    [125_350, 'Rupees One Thousand Two Hundred and Fifty-Three and Fifty Paise Only'],
    [10_000_000, 'Rupees One Lakh Only'],
    [10_000_500, 'Rupees One Lakh and Five Only'],
    [100_100, 'Rupees One Thousand and One Only'],
    [1_000_000_000, 'Rupees One Crore Only'],
    [MAX_PAISE, 'Rupees Ninety-Nine Crore Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred and Ninety-Nine and Ninety-Nine Paise Only'],
  ])('says %i paise as %s', (paise, words) => expect(amountInWords(paise)).toBe(words));
});

describe('GST per line', () => {
  // 9% of 50 paise is 4.5 paise: each half rounds up to 5; IGST at 18% is exactly 9.
  it('rounds each half of an intra-state tax half up, and IGST once', () => {
    expect(lineTax({ quantity: 1, unitPaise: 50, rateBp: 1800 }, 'intra')).toEqual({ taxablePaise: 50, rateBp: 1800, cgstPaise: 5, sgstPaise: 5, igstPaise: 0, totalPaise: 60 });
    expect(lineTax({ quantity: 1, unitPaise: 50, rateBp: 1800 }, 'inter')).toEqual({ taxablePaise: 50, rateBp: 1800, cgstPaise: 0, sgstPaise: 0, igstPaise: 9, totalPaise: 59 });
    // 2.5% of 10 paise = 0.25: rounds down; 5% of 10 = 0.5: rounds up.
    expect(lineTax({ quantity: 1, unitPaise: 10, rateBp: 500 }, 'intra').cgstPaise).toBe(0);
    expect(lineTax({ quantity: 1, unitPaise: 10, rateBp: 500 }, 'inter').igstPaise).toBe(1);
  });

  it('charges nothing on a 0% line or on a bill of supply', () => {
    expect(lineTax({ quantity: 2, unitPaise: 50_000, rateBp: 0 }, 'intra')).toMatchObject({ cgstPaise: 0, sgstPaise: 0, totalPaise: 100_000 });
    expect(lineTax({ quantity: 1, unitPaise: 50_000, rateBp: 1800 }, 'none')).toMatchObject({ rateBp: 0, igstPaise: 0, cgstPaise: 0, totalPaise: 50_000 });
  });

  it('stays exact on the largest amounts', () => {
    expect(lineTax({ quantity: 1, unitPaise: MAX_PAISE, rateBp: 2800 }, 'inter').igstPaise).toBe(Number((BigInt(MAX_PAISE) * 2800n + 5000n) / 10000n));
    expect(lineTax({ quantity: 999, unitPaise: 1_000_000_000, rateBp: 1800 }, 'intra').cgstPaise).toBe(89_910_000_000);
  });

  it('sums rounded line taxes per rate', () => {
    const lines = [
      lineTax({ quantity: 1, unitPaise: 50, rateBp: 1800 }, 'intra'),
      lineTax({ quantity: 1, unitPaise: 50, rateBp: 1800 }, 'intra'),
      lineTax({ quantity: 3, unitPaise: 20_000, rateBp: 0 }, 'intra'),
    ];
    const t = billTotals(lines);
    // Per line: 5 + 5 twice (rounding the 9 paise of their sum would give 4.5 + 4.5).
    expect(t).toEqual({
      taxablePaise: 60_100, cgstPaise: 10, sgstPaise: 10, igstPaise: 0, taxPaise: 20, totalPaise: 60_120,
      byRate: [
        { rateBp: 0, taxablePaise: 60_000, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 },
        { rateBp: 1800, taxablePaise: 100, cgstPaise: 10, sgstPaise: 10, igstPaise: 0 },
      ],
    });
  });

  it('decides the supply from the GSTIN’s state and the patient’s', () => {
    expect(supplyOf('27AAPFU0939F1ZV', 'Maharashtra')).toBe('intra');
    expect(supplyOf('27AAPFU0939F1ZV', 'Karnataka')).toBe('inter');
    expect(supplyOf(undefined, 'Maharashtra')).toBe('none');
    expect(placeOfSupply('Karnataka')).toBe('29-Karnataka');
  });
});
