import { componentOfUrl, GC, nodeComponentOfUrl, UNATTRIBUTED } from './components';

/** The parts of V8's .cpuprofile (what `node --cpu-prof` writes and the inspector's Profiler.stop returns) read here. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Microseconds, on the profile's clock (the monotonic one of process.hrtime). */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/**
 * Milliseconds of samples per component within a window: each sample's time goes to the component of the frame
 * nearest the top of its stack that has one (components.ts). Idle samples are not CPU and are left out.
 */
export function sampledMsByComponent(profile: CpuProfile, window?: ProfileWindow): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  // A frame's component is its own or its nearest caller's; failing both, that of Node's code nearest the top.
  const ownOrCallers = new Map<number, string | null>();
  const nodeOwnOrCallers = new Map<number, string | null>();
  const walk = (id: number, cache: Map<number, string | null>, of: (url: string) => string | null): string | null => {
    if (cache.has(id)) return cache.get(id)!;
    const parent = parentOf.get(id);
    const found = of(byId.get(id)!.callFrame.url) ?? (parent === undefined ? null : walk(parent, cache, of));
    cache.set(id, found);
    return found;
  };
  const component = (id: number): string =>
    byId.get(id)!.callFrame.functionName === '(garbage collector)'
      ? GC
      : (walk(id, ownOrCallers, componentOfUrl) ?? walk(id, nodeOwnOrCallers, nodeComponentOfUrl) ?? UNATTRIBUTED);

  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const { functionName } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const name = component(id);
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
  return totals;
}
