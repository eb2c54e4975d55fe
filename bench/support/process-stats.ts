/**
 * CPU time of processes, from /proc (Linux), to see where a phase's work went on a machine whose
 * cores every process of the stack shares. Elsewhere the numbers read 0.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ; `getconf CLK_TCK` is 100 on Linux

/** User + system CPU seconds the process has used so far (0 once it is gone). */
export function cpuSecondsOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/** The process and all its descendants. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...childPids(tree[i]!));
  return tree;
}

/** CPU seconds of these processes together. */
export function cpuSecondsOf(pids: Iterable<number>): number {
  return [...pids].reduce((total, pid) => total + cpuSecondsOfPid(pid), 0);
}

/** CPU seconds used so far: by named groups of processes (with their descendants), the rest of this process's descendants (`others`), and this process (`self`). */
export interface CpuSnapshot {
  at: number;
  seconds: Record<string, number>;
  /** Every process read. */
  pids: number[];
}

export function cpuSnapshot(groups: Record<string, number[]>): CpuSnapshot {
  const seconds: Record<string, number> = {};
  const read = new Set<number>([process.pid]);
  for (const [name, roots] of Object.entries(groups)) {
    // A root that has exited (killed) is not read: a phase that loses one then has no CPU figures.
    const tree = roots.filter((pid) => existsSync(`/proc/${pid}`)).flatMap(processTree);
    for (const pid of tree) read.add(pid);
    seconds[name] = cpuSecondsOf(tree);
  }
  const others = processTree(process.pid).filter((pid) => !read.has(pid));
  seconds['others'] = cpuSecondsOf(others);
  const usage = process.cpuUsage();
  seconds['self'] = (usage.user + usage.system) / 1e6;
  return { at: performance.now(), seconds, pids: [...read, ...others] };
}

export interface CpuDelta {
  elapsedSeconds: number;
  /** CPU seconds by the names of the snapshots. */
  seconds: Record<string, number>;
}

/** The CPU used between two snapshots; undefined when a process read at the first was gone at the second. */
export function cpuDelta(from: CpuSnapshot, to: CpuSnapshot): CpuDelta | undefined {
  if (from.pids.some((pid) => !to.pids.includes(pid))) return undefined;
  const seconds = Object.fromEntries(
    Object.entries(to.seconds).map(([name, value]) => [name, value - (from.seconds[name] ?? 0)]),
  );
  return { elapsedSeconds: (to.at - from.at) / 1000, seconds };
}

/**
 * CPU seconds so far of every process on this machine named `command` (e.g. `postgres`, a local
 * PostgreSQL server's processes): processes that ended since an earlier reading are missed.
 */
export function cpuSecondsOfCommand(command: string): number {
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return 0;
  }
  return cpuSecondsOf(
    pids.filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command;
      } catch {
        return false;
      }
    }),
  );
}
