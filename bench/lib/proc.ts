/**
 * What /proc says about processes and the machine: peak RSS (VmHWM), CPU time, and the CPU
 * other processes used during a phase (other work on the machine makes a run noisy).
 */
import fs from 'node:fs';
import os from 'node:os';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Peak resident set size of a running process, MB (undefined when it is gone). */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** user + system CPU of a process and its threads, ms. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Busy CPU of the whole machine since boot, ms (all cores). */
export function machineBusyMs(): number {
  try {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
    return (user + nice + system + irq + softirq + steal) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Measures a phase: wall time, CPU of the given processes, and everyone else's CPU. */
export class PhaseMeter {
  private readonly t0 = Date.now();
  private readonly busy0 = machineBusyMs();
  private readonly each0: Record<string, number>;
  private readonly self0 = process.cpuUsage();

  /** `pids`: our processes by name (meilisearch, api …), read at the start and the end. */
  constructor(private readonly pids: () => Record<string, number | undefined>) {
    this.each0 = Object.fromEntries(Object.entries(pids()).map(([k, p]) => [k, cpuMs(p)]));
  }

  /** `extra`: CPU of our own processes that ended during the phase (they report it themselves). */
  end(extra: Record<string, number> = {}): {
    wallMs: number;
    cpuMs: Record<string, number>;
    ownCpuMs: number;
    otherCpuMs: number;
    otherCores: number;
    loadavg: number[];
  } {
    const wallMs = Date.now() - this.t0;
    const self = process.cpuUsage(this.self0);
    const each: Record<string, number> = { bench: Math.round((self.user + self.system) / 1000), ...extra };
    for (const [k, p] of Object.entries(this.pids())) each[k] = cpuMs(p) - (this.each0[k] ?? 0);
    const ownCpuMs = Object.values(each).reduce((a, b) => a + b, 0);
    const otherCpuMs = Math.max(0, machineBusyMs() - this.busy0 - ownCpuMs);
    return { wallMs, cpuMs: each, ownCpuMs, otherCpuMs, otherCores: wallMs ? otherCpuMs / wallMs : 0, loadavg: os.loadavg() };
  }
}
