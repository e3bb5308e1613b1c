/**
 * The open-file check and the connection settings of server/http/connections.ts: a portal
 * whose file limit is not well above its connection cap says so at start, and a bad setting
 * stops the start with its name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../meili/config.ts';
import { connectionLimitsFromEnv, DEFAULT_CONNECTION_LIMITS, openFileLimit, openFileWarning } from '../../../server/http/connections.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const limitsFile = (maxOpenFiles: string) => {
  const file = path.join(dir, `limits-${maxOpenFiles.split(' ')[0]}`);
  fs.writeFileSync(
    file,
    [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max cpu time              unlimited            unlimited            seconds   ',
      `Max open files            ${maxOpenFiles}                 bytes     `,
      'Max processes             63704                63704                processes ',
    ].join('\n'),
  );
  return file;
};

describe('open-file limit', () => {
  it('is read from the soft limit in /proc/self/limits', () => {
    expect(openFileLimit(limitsFile('1024                 524288'))).toBe(1024);
    expect(openFileLimit(limitsFile('unlimited            unlimited'))).toBe(Number.POSITIVE_INFINITY);
    expect(openFileLimit('/nonexistent/limits')).toBeUndefined();
  });

  it('is warned about when not well above the connection cap', () => {
    const warning = openFileWarning(DEFAULT_CONNECTION_LIMITS, 1024);
    expect(warning).toContain('1024');
    expect(warning).toContain('ulimit -n 4512');
    expect(openFileWarning(DEFAULT_CONNECTION_LIMITS, 65536)).toBeUndefined();
    expect(openFileWarning({ ...DEFAULT_CONNECTION_LIMITS, maxConnections: 200 }, 1024)).toBeUndefined();
    expect(openFileWarning(DEFAULT_CONNECTION_LIMITS, undefined)).toBeUndefined();
  });
});

describe('connection settings', () => {
  it('come from MAX_CONNECTIONS and MAX_CONNECTIONS_PER_ADDRESS, defaults otherwise', () => {
    expect(connectionLimitsFromEnv({})).toEqual(DEFAULT_CONNECTION_LIMITS);
    expect(connectionLimitsFromEnv({ MAX_CONNECTIONS: '500', MAX_CONNECTIONS_PER_ADDRESS: '20' })).toMatchObject({
      maxConnections: 500,
      maxPerAddress: 20,
    });
  });

  it('refuse a value that is not a whole number ≥ 1, naming it', () => {
    for (const [name, value] of [
      ['MAX_CONNECTIONS', '0'],
      ['MAX_CONNECTIONS', 'lots'],
      ['MAX_CONNECTIONS_PER_ADDRESS', '2.5'],
    ] as const) {
      expect(() => connectionLimitsFromEnv({ [name]: value })).toThrow(ConfigError);
      expect(() => connectionLimitsFromEnv({ [name]: value })).toThrow(name);
    }
  });
});
