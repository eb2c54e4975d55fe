/**
 * CPU time by thread kind inside one process (Linux /proc/<pid>/task/<tid>/stat): the JavaScript
 * main thread, the libuv pool (scrypt, file and DNS work), V8's helpers (garbage collection,
 * compilation), and the native runtimes' threads (the Temporal SDK core's Tokio runtime). A
 * worker's CPU profile sees only the main thread; this says what lies outside it.
 */
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ

/** A thread's kind, from the name Node, V8, libuv and Tokio give their threads. */
function kindOf(name: string, isMain: boolean): string {
  if (isMain) return 'JavaScript main thread';
  if (name.startsWith('libuv-worker')) return 'libuv pool (scrypt, fs)';
  if (name.startsWith('V8 ') || name.startsWith('DelayedTaskSchedu')) return 'V8 helpers (GC, compiler)';
  if (name.startsWith('tokio') || name.startsWith('temporal') || name.startsWith('workflow-proces'))
    return 'Temporal SDK core (Rust)';
  // Node 20 names none of its own: the workflow threads (the SDK runs workflow code in
  // worker_threads), the libuv pool (scrypt) and V8's platform threads (GC, compiler) are all "node".
  if (name === 'node') return 'other Node threads (workflow threads, libuv pool: scrypt, V8 GC)';
  return `other (${name})`;
}

/** Seconds of CPU per thread kind, summed over the process's threads now alive. */
export function cpuByThreadKind(pid: number): Map<string, number> {
  const byKind = new Map<string, number>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return byKind;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
      const kind = kindOf(name, tid === String(pid));
      byKind.set(kind, (byKind.get(kind) ?? 0) + seconds);
    } catch {
      // the thread ended meanwhile
    }
  }
  return byKind;
}

/** What each kind used between two readings, per `per` (e.g. per registration), largest first. */
export function threadCpuBetween(
  before: Map<string, number>,
  after: Map<string, number>,
  per = 1,
): { kind: string; seconds: number }[] {
  return [...after.entries()]
    .map(([kind, seconds]) => ({ kind, seconds: (seconds - (before.get(kind) ?? 0)) / per }))
    .filter((entry) => entry.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds);
}
