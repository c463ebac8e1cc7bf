const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** A size as people read it: `1.5 MB`, in powers of 1,024 like file managers. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1_024 && unit < BYTE_UNITS.length - 1) {
    value /= 1_024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;

  return `${value.toFixed(digits).replace(/\.0$/, '')} ${BYTE_UNITS[unit]}`;
}

/** A duration as people read it: `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1_000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;

  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Part of a whole as a whole percent, or null when there is no whole yet. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}

/** Milliseconds between two ISO instants; the end defaults to now for things still running. */
export function elapsedMs(from: string | null, to: string | null, now = Date.now()): number | null {
  if (!from) {
    return null;
  }

  return (to ? Date.parse(to) : now) - Date.parse(from);
}
