/** A swept setting's value as the YAML would show it. */
export function formatSetting(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}
