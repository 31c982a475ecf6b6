import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A PostgreSQL primary and a hot standby streaming from it, each a throwaway cluster in a temporary
 * folder on a free port: the read-replica tests run against real WAL streaming, not a second URL to
 * the same server. The machine's own server is not used: replication needs a `replication` line in its
 * pg_hba.conf, which a CI machine's server need not have (this machine's has none), while a cluster made
 * by initdb allows replication from 127.0.0.1.
 */
export interface StreamingReplica {
  primaryUrl: string;
  replicaUrl: string;
  /** Resolves once the standby has replayed everything the primary had written when it was called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops (then restarts) applying WAL on the standby, so a test can see which server answered. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/** The newest PostgreSQL server binaries on the machine (Debian's layout), or PG_BIN_DIR. */
function serverBinaries(): string | null {
  const wanted = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => join('/usr/lib/postgresql', v, 'bin'))
      : [];
  return candidates.find((dir) => wanted.every((name) => existsSync(join(dir, name)))) ?? null;
}

/** PostgreSQL refuses to run as root: as root, the clusters belong to and run as the `postgres` user. */
async function serverUser(): Promise<{ prefix: string[]; uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return { prefix: [], uid: -1, gid: -1 };
  try {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await run('runuser', ['-u', 'postgres', '--', 'true']);
    return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * Why a streaming replica cannot be started here (no server binaries, root without a `postgres` user
 * or runuser), or null when it can.
 */
export async function streamingReplicaUnavailable(): Promise<string | null> {
  if (!serverBinaries()) {
    return 'no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup, postgres) in /usr/lib/postgresql/*/bin or PG_BIN_DIR';
  }
  if (!(await serverUser()))
    return 'running as root without a `postgres` user and runuser to start PostgreSQL as';
  return null;
}

/** Starts a primary and a streaming hot standby (a few seconds); call `stop()` when done. */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const bin = serverBinaries();
  const user = await serverUser();
  if (!bin || !user) throw new Error(`streaming replica unavailable: ${await streamingReplicaUnavailable()}`);
  const root = mkdtempSync(join(tmpdir(), 'jixiao-replica-'));
  if (user.uid >= 0) chownSync(root, user.uid, user.gid);
  const as = (command: string, args: string[]) => {
    const [head, ...rest] = [...user.prefix, join(bin, command), ...args];
    return run(head!, rest, { timeout: 60_000 });
  };
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const options = (port: number) =>
    `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off ` +
    '-c shared_buffers=16MB -c max_wal_senders=4 -c wal_level=replica -c hot_standby=on';
  const started: string[] = [];
  const stopCluster = (dir: string) =>
    as('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
  try {
    await as('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await as('pg_ctl', [
      '-D',
      primaryDir,
      '-l',
      join(root, 'primary.log'),
      '-o',
      options(primaryPort),
      '-w',
      'start',
    ]);
    started.push(primaryDir);
    await as('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ]);
    await as('pg_ctl', [
      '-D',
      replicaDir,
      '-l',
      join(root, 'replica.log'),
      '-o',
      options(replicaPort),
      '-w',
      'start',
    ]);
    started.push(replicaDir);
  } catch (error) {
    for (const dir of started) await stopCluster(dir);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
  const once = async <R extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  return {
    primaryUrl,
    replicaUrl,
    async caughtUp(timeoutMs = 15_000) {
      const [{ lsn }] = (await once<{ lsn: string }>(
        primaryUrl,
        'SELECT pg_current_wal_lsn()::text AS lsn',
      )) as [{ lsn: string }];
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await once<{ done: boolean }>(
          replicaUrl,
          'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
          [lsn],
        );
        if (row?.done) return;
        if (Date.now() > deadline) throw new Error(`standby did not replay up to ${lsn} in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async pauseReplay() {
      await once(replicaUrl, 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await once(replicaUrl, 'SELECT pg_wal_replay_resume()');
    },
    async stop() {
      await stopCluster(replicaDir);
      await stopCluster(primaryDir);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
