/** PUBLIC_URL validation (meili/config.ts) and the Host check used without it (server/http/origin.ts). */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../meili/config.ts';
import { isValidHost } from '../../../server/http/origin.ts';

describe('PUBLIC_URL', () => {
  it('is optional', () => {
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ PUBLIC_URL: '' }).publicUrl).toBeUndefined();
  });

  it.each([
    ['https://example.org', 'https://example.org'],
    ['https://example.org/', 'https://example.org'],
    ['https://Example.ORG:443/xuncha//', 'https://example.org/xuncha'],
    ['http://10.0.0.5:8080/', 'http://10.0.0.5:8080'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['https://巡察.example.cn/门户/', 'https://xn--ldtp0c.example.cn/%E9%97%A8%E6%88%B7'],
  ])('accepts %s as %s', (value, expected) => {
    expect(readConfig({ PUBLIC_URL: value }).publicUrl).toBe(expected);
  });

  it.each([
    ['example.org', /start with http:\/\/ or https:\/\//u],
    ['//example.org', /start with http:\/\/ or https:\/\//u],
    ['https:example.org', /start with http:\/\/ or https:\/\//u],
    ['ftp://example.org', /start with http:\/\/ or https:\/\//u],
    ['javascript:alert(1)', /start with http:\/\/ or https:\/\//u],
    ['https://', /and a host/u],
    ['https://exa mple.org', /not a URL/u],
    ['https://example.org/?a=1', /query/u],
    ['https://example.org/?', /query/u],
    ['https://example.org/#top', /fragment/u],
    ['https://user:secret@example.org', /user name or password/u],
  ])('refuses %s', (value, why) => {
    expect(() => readConfig({ PUBLIC_URL: value })).toThrow(ConfigError);
    expect(() => readConfig({ PUBLIC_URL: value })).toThrow(why);
    expect(() => readConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL must be the absolute http\(s\) address/u);
  });
});

describe('isValidHost', () => {
  it.each([
    'example.org',
    'EXAMPLE.org',
    'localhost',
    'localhost:8080',
    '127.0.0.1:65535',
    '[::1]',
    '[2001:db8::1]:443',
    'example.org.',
    'a-b.example',
  ])('accepts %s', (host) => {
    expect(isValidHost(host)).toBe(true);
  });

  it.each([
    '',
    'evil_example',
    'evil.example:0',
    'evil.example:65536',
    'evil.example:',
    'a b',
    'evil.example/x',
    'user@evil.example',
    '-evil.example',
    'evil..example',
    '::1',
    '[::1',
    'evil.example:80:80',
    `${'a'.repeat(64)}.example`,
  ])('refuses %j', (host) => {
    expect(isValidHost(host)).toBe(false);
  });
});
