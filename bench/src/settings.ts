/** How big each scenario is. `--quick` keeps every figure but shrinks the work so a run ends within about two minutes. */
export interface BenchSettings {
  mode: 'full' | 'quick';
  /** Concurrent HTTP connections of B1 (a) and B2: the same for both, so their ratio compares like with like. */
  connections: number;
  warmupSeconds: number;
  httpSeconds: number;
  /** Messages of the raw broker baseline, B1 (b). */
  rawMessages: number;
  relayRows: number;
  consumerEvents: number;
  latencyRate: number;
  latencySeconds: number;
  /** B5 again at a rate the services' one event loop keeps up with on a small machine. */
  lowLatencyRate: number;
  lowLatencySeconds: number;
  students: number;
  commonWayEvents: number;
  /**
   * Runs of each short drain (B1b, B3, B4; a few seconds each), of which the median is reported: on a small
   * shared machine one run moves by ±20 %.
   */
  drainRounds: number;
  /** B7's rates, events/s, tried in order until one misses its bound. */
  sustainedRates: number[];
  /** B7's measured window at each rate, after `warmupSeconds` not counted. */
  sustainedSeconds: number;
  /** The scenarios `--only` named (with what they compare against), or null for all of them. */
  only: string[] | null;
}

const full: BenchSettings = {
  mode: 'full',
  connections: 32,
  warmupSeconds: 2,
  httpSeconds: 10,
  rawMessages: 20_000,
  relayRows: 20_000,
  consumerEvents: 20_000,
  latencyRate: 300,
  latencySeconds: 20,
  lowLatencyRate: 50,
  lowLatencySeconds: 10,
  students: 3,
  commonWayEvents: 5_000,
  drainRounds: 3,
  sustainedRates: [100, 200, 300, 400, 500, 600, 800, 1_000, 1_200, 1_500],
  sustainedSeconds: 10,
  only: null,
};

const quick: BenchSettings = {
  ...full,
  mode: 'quick',
  warmupSeconds: 1,
  httpSeconds: 2,
  rawMessages: 5_000,
  relayRows: 5_000,
  consumerEvents: 5_000,
  latencySeconds: 3,
  lowLatencySeconds: 2,
  commonWayEvents: 500,
  drainRounds: 1,
  sustainedSeconds: 3,
};

const USAGE = 'usage: pnpm bench [--quick] [--only <scenario>[,<scenario>...]]';

export function settingsFrom(argv: readonly string[]): BenchSettings {
  const args = argv.filter((arg) => arg !== '--');
  let only: string[] | null = null;
  let mode: BenchSettings['mode'] = 'full';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--quick') mode = 'quick';
    else if (arg === '--only' && args[i + 1]) only = [...(only ?? []), ...(args[(i += 1)] as string).split(',')];
    else if (arg.startsWith('--only=')) only = [...(only ?? []), ...arg.slice('--only='.length).split(',')];
    else throw new Error(`unknown argument ${arg}; ${USAGE}`);
  }
  return { ...(mode === 'quick' ? quick : full), only };
}
