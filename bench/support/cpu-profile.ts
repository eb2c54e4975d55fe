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

/** The profile `node --cpu-prof --cpu-prof-dir=<dir>` wrote there (the newest, if several). */
export function profileIn(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort();
  return files.length ? path.join(dir, files.at(-1)!) : undefined;
}

/** Where in the tree a script is: project-relative, `node_modules/<package>`, or as V8 names it. */
function shortUrl(url: string, root: string): string {
  const file = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inPackage) return `node_modules/${inPackage[1]}`;
  if (file.startsWith(root)) return path.relative(root, file);
  return file || '(native)';
}

/** Self time per function (summed over every call site), heaviest first. */
export function topCosts(file: string, root: string, count = 15): { totalMs: number; costs: ProfileCost[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    totalUs += delta;
    const where = shortUrl(frame.url, root);
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}:${frame.lineNumber + 1}`;
    const entry = selfUs.get(key) ?? { name, where: frame.url ? `${where}:${frame.lineNumber + 1}` : where, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
  });
  const costs = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((entry) => ({ name: entry.name, where: entry.where, selfMs: entry.us / 1000, share: entry.us / totalUs }));
  return { totalMs: totalUs / 1000, costs };
}

/** Self time grouped by where the code lives (a package, a project folder, V8 itself). */
export function costsByPlace(
  file: string,
  root: string,
  count = 12,
): { place: string; selfMs: number; share: number }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPlace = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    totalUs += delta;
    const where = shortUrl(frame.url, root);
    // A project file counts for its top folder; a package for itself; V8's buckets by name.
    const place = !frame.url
      ? frame.functionName
      : where.startsWith('node:')
        ? 'node: (built-in modules)'
        : where.startsWith('node_modules/') || where.startsWith('/')
          ? where.replace(/^\/tmp\/cers-workflows-[^/]+\/bundle\.js$/, 'workflow bundle (workflows/, zod, SDK)')
          : where.split('/')[0]!;
    byPlace.set(place, (byPlace.get(place) ?? 0) + delta);
  });
  return [...byPlace.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([place, us]) => ({ place, selfMs: us / 1000, share: us / totalUs }));
}
