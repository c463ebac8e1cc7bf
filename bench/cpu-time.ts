import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user and system) a process has used so far, or null once it is gone; with
 * `withReapedChildren`, also those of its children that have exited.
 */
export function cpuSeconds(pid: number | undefined, withReapedChildren = false): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    const children = withReapedChildren ? fields[13] + fields[14] : 0;

    return (fields[11] + fields[12] + children) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used by every PostgreSQL process on this machine, those that have exited included
 * (a pool closes idle sessions; their time passes to the server process that reaps them). The
 * benchmark's own sessions are most of it, which is what the figure is for.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    total += cpuSeconds(Number(entry), true) ?? 0;
  }

  return total;
}
