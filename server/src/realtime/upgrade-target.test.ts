// The upgrade request's path and protocol version: the fast reading of the SDKs' usual shape must
// agree with a URL object's reading for every target, usual or not (a disagreement would accept or
// refuse a connection the slow path decides otherwise).
import { describe, expect, it } from 'vitest';
import { appKey, upgradeTarget } from './attach.js';

const byUrl = (raw: string) => {
  const url = new URL(raw, 'http://localhost');
  return { pathname: url.pathname, protocol: url.searchParams.get('protocol') };
};

const TARGETS = [
  '/app/key_1?protocol=7&client=js&version=8.4.0&flash=false',
  '/app/key_1?client=js&protocol=7',
  '/app/key_1/?protocol=7',
  '/app/key_1',
  '/app/key_1?',
  '/app/key_1?protocol',
  '/app/key_1?protocol=',
  '/app/key_1?protocol=7&protocol=5',
  '/app/key_1?protocolx=7&xprotocol=6',
  '/app/key_1?protocol=%37',
  '/app/key_1?protocol=7+1',
  '/app/key_1?protocol=7#frag',
  '/app/../app/key_1?protocol=7',
  '/app/k%65y?protocol=7',
  '/app/ключ?protocol=7',
  '/app/key_1/extra?protocol=7',
  '/apps/key_1?protocol=7',
  '/',
];

describe('upgrade target', () => {
  it.each(TARGETS)('%s reads as a URL object reads it', (raw) => {
    expect(upgradeTarget(raw)).toEqual(byUrl(raw));
  });
});

describe('app key', () => {
  // What the path's regular expression captured before appKey read it without one.
  const byRegExp = (pathname: string) => /^\/app\/([^/]+)\/?$/.exec(pathname)?.[1];
  it.each(['/app/key_1', '/app/key_1/', '/app/', '/app//', '/app/a//', '/app/a/b', '/app/a/b/', '/apps/a', '/app', '/', '/app/ключ', '/app/%6B'])('%s', (pathname) => {
    expect(appKey(pathname)).toBe(byRegExp(pathname));
  });
});
