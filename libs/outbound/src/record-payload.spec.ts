import { RecordPayloadWriter } from './record-payload';

describe(RecordPayloadWriter.name, () => {
  it('writes a record as the JSON object of its header and fields', () => {
    const writer = new RecordPayloadWriter(['id', 'name "nick"', 'note']);
    const body = writer.record(['1', 'Zoë\n"Z"', '\\ \u0001 \u2028']);

    expect(JSON.parse(body)).toEqual({
      id: '1',
      'name "nick"': 'Zoë\n"Z"',
      note: '\\ \u0001 \u2028',
    });
  });

  it('keeps the header order, numeric column names included', () => {
    const writer = new RecordPayloadWriter(['b', '2', 'a', '1']);

    expect(writer.record(['x', 'y', 'z', 'w'])).toBe('{"b":"x","2":"y","a":"z","1":"w"}');
  });

  it('sends a field the row lacks as an empty string', () => {
    expect(new RecordPayloadWriter(['a', 'b']).record(['only'])).toBe('{"a":"only","b":""}');
  });

  it('keeps a column named __proto__ as a plain key', () => {
    const body = new RecordPayloadWriter(['__proto__']).record(['x']);

    expect(Object.keys(JSON.parse(body) as object)).toEqual(['__proto__']);
  });

  it('sends an array when requests carry several records, even a single one', () => {
    const writer = new RecordPayloadWriter(['id']);

    expect(writer.body([['1'], ['2']], true)).toBe('[{"id":"1"},{"id":"2"}]');
    expect(writer.body([['1']], true)).toBe('[{"id":"1"}]');
    expect(writer.body([['1']], false)).toBe('{"id":"1"}');
  });
});
