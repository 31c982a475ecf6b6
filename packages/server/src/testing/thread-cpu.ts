import { readFileSync } from 'node:fs';

/**
 * CPU time a thread of this process has used, in milliseconds: the calling thread, or the thread of that
 * OS id (Linux: the first field of schedstat, in nanoseconds). Unlike wall time it does not grow with
 * other processes' load, which is how the timed tests bound work on a shared machine.
 */
export function threadCpuMs(osThreadId?: number): number {
  const file =
    osThreadId === undefined ? '/proc/thread-self/schedstat' : `/proc/self/task/${osThreadId}/schedstat`;
  return Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
}
