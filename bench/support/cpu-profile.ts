/**
 * `--profile`: the worker's V8 CPU profile (node --cpu-prof, written when the process exits), and
 * where its time went: self time per function, heaviest first, with V8's own buckets (garbage
 * collection, idle, native code outside JavaScript) named apart.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileCost {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

/**
 * The profiles `node --cpu-prof --cpu-prof-dir=<dir>` wrote there: one per thread that ran
 * JavaScript (the main thread, and each worker thread, such as the SDK's workflow thread), named
 * `CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile`; thread 0 is the main thread.
 */
export function profilesIn(dir: string): { file: string; thread: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort()
    .map((name) => {
      const threadId = name.split('.').at(-3);
      return { file: path.join(dir, name), thread: threadId === '0' ? 'main thread' : `worker thread ${threadId}` };
    });
}

/** Where in the tree a script is: project-relative, `node_modules/<package>`, or as V8 names it. */
function shortUrl(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inPackage) return `node_modules/${inPackage[1]}`;
  if (file.startsWith(root)) return path.relative(root, file);
  return file || '(native)';
}

/** Every sample's frame and duration (µs), read once from the profile file. */
function samplesOf(file: string): { frame: ProfileNode['callFrame']; us: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  return profile.samples.flatMap((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    return frame ? [{ frame, us: profile.timeDeltas[index] ?? 0 }] : [];
  });
}

/** Sums `us` by `keyOf`, heaviest first, with each key's share of the whole. */
function heaviest<K>(samples: { us: number }[], keyOf: (index: number) => K, count: number) {
  const byKey = new Map<K, number>();
  let totalUs = 0;
  samples.forEach((sample, index) => {
    totalUs += sample.us;
    const key = keyOf(index);
    byKey.set(key, (byKey.get(key) ?? 0) + sample.us);
  });
  const top = [...byKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => ({ key, selfMs: us / 1000, share: us / totalUs }));
  return { totalMs: totalUs / 1000, top };
}

/** Self time per function (summed over every call site), heaviest first. */
export function topCosts(file: string, root: string, count = 15): { totalMs: number; costs: ProfileCost[] } {
  const samples = samplesOf(file);
  const { totalMs, top } = heaviest(
    samples,
    (index) => {
      const { frame } = samples[index]!;
      const where = shortUrl(frame.url, root);
      return `${frame.functionName || '(anonymous)'}\t${frame.url ? `${where}:${frame.lineNumber + 1}` : where}`;
    },
    count,
  );
  const costs = top.map(({ key, selfMs, share }) => {
    const [name, where] = key.split('\t') as [string, string];
    return { name, where, selfMs, share };
  });
  return { totalMs, costs };
}

/** Self time grouped by where the code lives (a package, a project folder, V8 itself). */
export function costsByPlace(
  file: string,
  root: string,
  count = 12,
): { place: string; selfMs: number; share: number }[] {
  const samples = samplesOf(file);
  return heaviest(
    samples,
    (index) => {
      const { frame } = samples[index]!;
      const where = shortUrl(frame.url, root);
      // A project file counts for its top folder; a package for itself; V8's buckets by name.
      if (!frame.url) return frame.functionName;
      if (where.startsWith('node:')) return 'node: (built-in modules)';
      if (where.startsWith('node_modules/') || where.startsWith('/'))
        return where.replace(/^\/tmp\/cers-workflows-[^/]+\/bundle\.js$/, 'workflow bundle (workflows/, zod, SDK)');
      return where.split('/')[0]!;
    },
    count,
  ).top.map(({ key, selfMs, share }) => ({ place: key, selfMs, share }));
}
