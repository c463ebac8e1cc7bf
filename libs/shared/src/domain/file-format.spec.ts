import { validateReparseRequest } from './file-format';

describe('validateReparseRequest', () => {
  it('accepts a known encoding, a known delimiter, or both', () => {
    expect(validateReparseRequest({ encoding: 'windows-1252' })).toEqual([]);
    expect(validateReparseRequest({ delimiter: '\t' })).toEqual([]);
    expect(validateReparseRequest({ encoding: 'utf-16be', delimiter: ';' })).toEqual([]);
  });

  it('names each unknown value and unknown field', () => {
    expect(validateReparseRequest({ encoding: 'latin-9', delimiter: '::', quote: "'" })).toEqual([
      { field: 'quote', message: 'Is not a reading option' },
      { field: 'encoding', message: 'Must be one of utf-8, utf-16le, utf-16be, windows-1252' },
      { field: 'delimiter', message: 'Must be a comma, semicolon, tab or pipe' },
    ]);
  });

  it('refuses a request that changes nothing', () => {
    expect(validateReparseRequest({})).toEqual([
      { field: '(body)', message: 'Name an encoding, a delimiter or both' },
    ]);
    expect(validateReparseRequest(null)).toEqual([
      { field: '(body)', message: 'Must be a JSON object' },
    ]);
  });
});
