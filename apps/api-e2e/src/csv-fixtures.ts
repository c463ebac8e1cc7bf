/** A CSV file of `count` people, with fields that need quoting, and the rows it holds. */
export function peopleCsv(count: number, tag = 'row') {
  const rows = Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    name: index % 7 === 0 ? `Doe, "J${index}"` : `Person ${index + 1}`,
    email: `${tag}-${index + 1}@example.test`,
    note: index % 11 === 0 ? `line one\nline two ${index}` : `note ${index}`,
  }));
  const quote = (value: string) =>
    /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  const lines = rows.map((row) => [row.id, row.name, row.email, row.note].map(quote).join(','));

  return { csv: `id,name,email,note\n${lines.join('\n')}\n`, rows };
}
