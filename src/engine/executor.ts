/**
 * Per-user phases split across threads (docs/architecture.md, "The executor").
 *
 * A phase that visits every user and needs no shared order (Model 2 draws are keyed by who
 * draws, src/engine/draws.ts) is declared as a *range kernel*: a pure function over a user range
 * [from, to) that reads and writes only the rows of that range in typed-array columns and
 * returns integer partial sums in `out`. The engine hands a kernel to the run's *executor*,
 * synchronously. The default executor runs it inline, on one range, in this thread (the browser
 * and every sweep or fit worker); the CLI's `--threads N` supplies one that splits the users into
 * N ranges over shared columns (src/parallel/thread-executor.ts). Partial sums come back in range
 * order and are reduced in that order, and every one is an exact integer, so a run gives the same
 * bytes on any number of threads.
 */

/** A pure function over the users [from, to): writes only those rows; `out` (zeroed, `width` long) gets its partial sums. */
export type RangeKernel<A> = (args: A, from: number, to: number, out: Float64Array) => void;

/** A declared kernel: a name (how a worker thread finds it), how many partial sums it returns, and the function. */
export interface Kernel<A> {
  readonly name: string;
  readonly width: number;
  readonly run: RangeKernel<A>;
}

const kernels = new Map<string, Kernel<never>>();

/**
 * Declares a range kernel at a module's top level, so that a worker thread that loads the same
 * modules finds it by name. Two kernels of one name are refused.
 */
export function declareKernel<A>(name: string, width: number, run: RangeKernel<A>): Kernel<A> {
  const known = kernels.get(name);
  if (known !== undefined && known.run !== (run as RangeKernel<never>)) throw new Error(`two range kernels are named "${name}"`);
  const kernel: Kernel<A> = { name, width, run };
  kernels.set(name, kernel as Kernel<never>);
  return kernel;
}

/** The kernel declared under `name` (worker threads look kernels up by name). */
export function kernelNamed(name: string): Kernel<unknown> | undefined {
  return kernels.get(name) as Kernel<unknown> | undefined;
}

/** A phase's ranges: `bounds[r]` to `bounds[r + 1]` for range r, and its partial sums at `partials[r * width ...]`. */
export interface RangeResult {
  readonly ranges: number;
  readonly bounds: Int32Array;
  readonly partials: Float64Array;
}

/** Runs range kernels for the engine; `run` returns only when every range is done. */
export interface Executor {
  /** How many threads share a phase (1: inline). */
  readonly threads: number;
  /** Whether columns the kernels read must live in SharedArrayBuffers (a multi-threaded executor). */
  readonly shared: boolean;
  /** Runs the kernel over users [from, to), split as the executor decides. */
  run<A>(kernel: Kernel<A>, args: A, from: number, to: number): RangeResult;
}

/** One thread: the kernel runs here, over every user, as one range. */
export const INLINE_EXECUTOR: Executor = {
  threads: 1,
  shared: false,
  run<A>(kernel: Kernel<A>, args: A, from: number, to: number): RangeResult {
    const partials = new Float64Array(kernel.width);
    kernel.run(args, from, to, partials);
    return { ranges: 1, bounds: Int32Array.of(from, to), partials };
  },
};

/** Ranges start at multiples of this many users: no two threads write one cache line of a column. */
const RANGE_ALIGN = 1024;

/**
 * Splits the users [from, to) into at most `threads` ranges of at least `least` users each
 * (nearly equal, inner bounds aligned, in id order). A function of its arguments only, so the
 * split is the same every run.
 */
export function splitRanges(from: number, to: number, threads: number, least: number): Int32Array {
  const users = to - from;
  const most = Math.max(1, Math.min(threads, Math.floor(users / Math.max(1, least))));
  const step = Math.ceil(users / most / RANGE_ALIGN) * RANGE_ALIGN;
  const bounds = [from];
  for (let at = Math.ceil((from + step) / RANGE_ALIGN) * RANGE_ALIGN; at < to; at += step) bounds.push(at);
  bounds.push(to);
  return Int32Array.from(bounds);
}

/** The sum of one partial over every range, in range order. */
export function sumPartial(result: RangeResult, width: number, index: number): number {
  let sum = 0;
  for (let r = 0; r < result.ranges; r++) sum += result.partials[r * width + index] as number;
  return sum;
}

/**
 * Moves what each range listed at the start of its rows (as many entries from `bounds[r]` as
 * its partial at `index` says) together at the front of the columns, in range order; returns
 * how many. A range never lists more than its own rows, so nothing is overwritten before it moves.
 */
export function gatherLists(result: RangeResult, width: number, index: number, columns: readonly (Float64Array | Int32Array)[]): number {
  let total = 0;
  for (let r = 0; r < result.ranges; r++) {
    const from = result.bounds[r] as number;
    const count = result.partials[r * width + index] as number;
    if (from !== total) for (const column of columns) column.copyWithin(total, from, from + count);
    total += count;
  }
  return total;
}
