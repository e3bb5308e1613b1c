/**
 * Which Meilisearch binary the embedded mode runs, and what it says when there is none: the
 * binary package is optional and exists for linux-x64 only, so "none" is an ordinary case
 * (macOS, arm64, the Docker image) that must say how to get one, in Chinese and English.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedMeiliError, locateBinary } from '../../../meili/embedded.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'locate-binary-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('locateBinary', () => {
  it('without MEILI_BINARY and without the binary package: says how to get a Meilisearch', () => {
    let error: unknown;
    try {
      locateBinary(undefined, () => undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmbeddedMeiliError);
    const message = (error as Error).message;
    expect(message).toMatch(/安装官方 Meilisearch 1\.21.*MEILI_BINARY.*MEILI_URL/u);
    expect(message).toMatch(/install the official Meilisearch 1\.21 .*set MEILI_BINARY to its path, or set MEILI_URL/u);
    expect(message).toMatch(/linux-x64 only/u);
  });

  it('MEILI_BINARY comes first, and must exist', () => {
    const binary = path.join(dir, 'meilisearch');
    fs.writeFileSync(binary, '');
    expect(locateBinary(binary, () => '/elsewhere/meilisearch')).toBe(binary);
    expect(() => locateBinary(path.join(dir, 'missing'))).toThrow(/MEILI_BINARY points at .*missing, which does not exist/u);
  });

  it('makes the packaged binary executable (npm unpacks it without the bit)', () => {
    const packaged = path.join(dir, 'packaged');
    fs.writeFileSync(packaged, '', { mode: 0o644 });
    expect(locateBinary(undefined, () => packaged)).toBe(packaged);
    expect(fs.statSync(packaged).mode & 0o111).not.toBe(0);
  });
});
