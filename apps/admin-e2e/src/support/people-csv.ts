/** A CSV file of people, one of whose rows has a field too many, and the records it holds. */
export function peopleWithOneBadRow(count: number, badLine: number) {
  const records = Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    name: `Person ${index + 1}`,
    email: `person-${index + 1}@example.test`,
  }));
  const lines = records.map((record) => `${record.id},${record.name},${record.email}`);
  // Line numbers count the header as line 1.
  lines.splice(badLine - 2, 0, 'x,Broken row,broken@example.test,surplus');

  return { csv: `id,name,email\n${lines.join('\n')}\n`, records };
}
