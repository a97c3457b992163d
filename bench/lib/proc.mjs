// What the benchmarks read about processes from /proc (Linux): CPU seconds, peak memory, whole-machine
// busy time, the process behind a listening port, and PostgreSQL's processes by role.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux the project runs on

/** CPU seconds (user + system) a process has used, or undefined when it is gone. */
export function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** A process's peak resident memory (VmHWM) in MB, or undefined when it is gone. */
export function peakRssMb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait). */
export function machineBusySeconds() {
  const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (ticks.reduce((sum, tick) => sum + tick, 0) - ticks[3] - ticks[4]) / TICKS_PER_SECOND;
}

/** The pid of the process listening on a TCP port (IPv4 or IPv6), or undefined if none is visible. */
export function listeningPid(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines = [];
    try {
      lines = fs.readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
      } catch {
        // the fd closed while we looked
      }
    }
  }
  return undefined;
}

/**
 * CPU seconds of PostgreSQL's processes over a window, by role: the backends of one database
 * (client connections, autovacuum workers) and the server's shared background processes
 * (checkpointer, WAL writer, background writer: shared with anything else on the server).
 * Call `sample()` now and then (backends come and go); `totals()` gives the CPU since `start()`.
 */
export function postgresCpu(db, database) {
  const seen = new Map(); // pid → { role, first, last }
  const sample = async () => {
    const { rows } = await db.query(
      `SELECT pid, datname, backend_type FROM pg_stat_activity WHERE datname = $1 OR (datname IS NULL AND backend_type <> 'client backend')`,
      [database],
    );
    for (const row of rows) {
      const cpu = cpuSeconds(row.pid);
      if (cpu === undefined) continue;
      const known = seen.get(row.pid);
      if (known) known.last = cpu;
      else seen.set(row.pid, { role: row.datname === null ? 'background' : 'backends', first: started ? 0 : cpu, last: cpu });
    }
  };
  let started = false;
  return {
    async start() {
      await sample();
      started = true;
    },
    sample,
    totals() {
      const totals = { backends: 0, background: 0, backendProcesses: 0 };
      for (const { role, first, last } of seen.values()) {
        totals[role] += last - first;
        if (role === 'backends') totals.backendProcesses += 1;
      }
      return totals;
    },
  };
}
