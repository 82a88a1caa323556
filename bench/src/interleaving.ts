// Paired comparisons run what they compare in turn, the order flipped every round: the builds a
// standalone measurement script compares (checkouts with their own dist/, named on the command
// line), the engines of part 7, the variants of a realtime figure.
import { resolve } from 'node:path';

export interface Build {
  label: string;
  /** The checkout whose dist/ runs. */
  root: string;
  /** Environment for this build's servers only (e.g. LD_PRELOAD= for a glibc baseline). */
  env: Record<string, string>;
}

/**
 * `LABEL=/path/to/checkout[,ENV=VALUE...]`. The label ends at the first '=' (split('=', 2) would
 * drop everything after a second '='); a comma starts the next NAME=value only before an
 * upper-case name, so values may hold commas (MALLOC_CONF=background_thread:true,dirty_decay_ms:1000).
 */
export function parseBuild(arg: string): Build {
  const at = arg.indexOf('=');
  if (at < 1) throw new Error(`"${arg}" is not LABEL=/path/to/checkout[,ENV=VALUE...]`);
  const [root, ...envs] = arg.slice(at + 1).split(/,(?=[A-Z_][A-Z0-9_]*=)/);
  const env = Object.fromEntries(envs.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  return { label: arg.slice(0, at), root: resolve(root!), env };
}

/** Round 1 in the given order, round 2 reversed, and so on: neither side always runs on the warmer machine. */
export function inRoundOrder<T>(builds: readonly T[], round: number): readonly T[] {
  return round % 2 ? builds : [...builds].reverse();
}
