/**
 * Writes records as the endpoint receives them: a JSON object keyed by the CSV header, in the
 * header's order. The header's JSON is written once per batch, not once per record.
 */
export class RecordPayloadWriter {
  private readonly keys: string[];

  constructor(columns: string[]) {
    this.keys = columns.map(
      (column, index) => `${index === 0 ? '' : ','}${JSON.stringify(column)}:`,
    );
  }

  /** One record's object; a field the row lacks is sent as an empty string. */
  record(fields: string[]): string {
    let json = '{';
    for (let index = 0; index < this.keys.length; index += 1) {
      json += this.keys[index] + JSON.stringify(fields[index] ?? '');
    }

    return `${json}}`;
  }

  /** One record as an object, or several as an array: `recordsPerRequest` above 1 sends arrays. */
  body(records: string[][], isArray: boolean): string {
    if (!isArray) return this.record(records[0]);

    return `[${records.map((fields) => this.record(fields)).join(',')}]`;
  }
}
