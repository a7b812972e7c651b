import { describe, expect, it } from 'vitest';
import { genderFromIdNumber, idNumberCheckChar, idNumberProblem, maskIdNumber, normaliseIdNumber } from './idcard';

describe('GB 11643 身份证号', () => {
  it('accepts numbers whose check character matches, including X', () => {
    // Published example from GB 11643-1999.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('110101199003074477')).toBeNull();
  });

  it('names what is wrong', () => {
    expect(idNumberProblem('11010519491231002')).toBe('length');
    expect(idNumberProblem('1101051949123100AX')).toBe('format');
    expect(idNumberProblem('110105194913310021')).toBe('birthdate');
    expect(idNumberProblem('110101199002300010')).toBe('birthdate'); // 30 Feb
    expect(idNumberProblem('110101199003074478')).toBe('checksum');
  });

  it('normalises full-width digits, spaces and lower-case x', () => {
    expect(normaliseIdNumber(' １１０１０５１９４９１２３１００２x ')).toBe('11010519491231002X');
  });

  it('masks all but the first and last four', () => {
    expect(maskIdNumber('110101199003074477')).toBe('1101**********4477');
  });

  it('reads gender from the 17th digit', () => {
    expect(genderFromIdNumber('110101199003074477')).toBe('男');
    expect(genderFromIdNumber('11010519491231002X')).toBe('女');
  });
});
