import { escapeFormula } from './csv-formula';

describe('escapeFormula', () => {
  it.each(['=SUM(A1:A9)', '+1', '-2+3', '@cmd', '\t=1'])('neutralises %j', (value) => {
    expect(escapeFormula(value)).toBe(`'${value}`);
  });

  it('leaves ordinary values alone', () => {
    expect(escapeFormula('Ann')).toBe('Ann');
    expect(escapeFormula('a=b')).toBe('a=b');
  });
});
