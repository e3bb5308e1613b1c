/**
 * Where the reader was on each page of their history. A new page starts at the top, unless
 * its link points into it (#paragraph); Back and Forward to another page return to where it
 * was left. Its results are fetched again, so the page is short at first: the position is
 * reached as the page grows, for a few seconds, unless the reader scrolls or types first.
 * Positions are kept per history entry in sessionStorage, so a reload keeps them too.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

const STORAGE_KEY = 'scroll-positions';
const KEEP = 50;
const RESTORE_FOR_MS = 5000;
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

function loadPositions(): Map<string, number> {
  try {
    return new Map(Object.entries(JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, number>));
  } catch {
    return new Map();
  }
}

function savePositions(positions: Map<string, number>) {
  while (positions.size > KEEP) positions.delete(positions.keys().next().value!);
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(positions)));
  } catch {
    /* storage full or off */
  }
}

/** Scrolls to y as soon as the page is long enough; returns how to give up early. */
function scrollWhenReady(y: number): () => void {
  const until = performance.now() + RESTORE_FOR_MS;
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const e of READER_INPUT) window.removeEventListener(e, stop);
  };
  const step = () => {
    const reachable = document.documentElement.scrollHeight - window.innerHeight;
    window.scrollTo(0, Math.min(y, Math.max(0, reachable)));
    if (reachable >= y || performance.now() > until) stop();
    else frame = requestAnimationFrame(step);
  };
  for (const e of READER_INPUT) window.addEventListener(e, stop, { passive: true });
  step();
  return stop;
}

export function ScrollMemory() {
  const { key: entryKey, pathname, search, hash } = useLocation();
  // The first entry of a tab has no key of its own ('default'), nor has a URL typed into the
  // address bar later: with the URL in it, one page's position is never another's.
  const key = `${entryKey} ${pathname}${search}`;
  const navigation = useNavigationType();
  const positions = useRef<Map<string, number> | undefined>(undefined);
  positions.current ??= loadPositions();
  const current = useRef(key);
  const previousPath = useRef<string | undefined>(undefined);

  // The browser's own restoration runs before the results are there, and would fight ours.
  useEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const save = () => savePositions(positions.current!);
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, []);

  // Scroll events are attributed to the entry on screen; the switch happens before the new
  // page is painted, so the old entry keeps the position the reader left it at.
  useEffect(() => {
    const onScroll = () => {
      positions.current!.set(current.current, window.scrollY);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per history entry (key); pathname, hash and navigation are read as they are for that entry
  useLayoutEffect(() => {
    current.current = key;
    // The first render is a reload or an opened link (POP too): a reload returns to its place.
    const samePage = previousPath.current === pathname;
    previousPath.current = pathname;
    savePositions(positions.current!);
    // Filters, pages and queries change the URL of the same page: the page stays where it is.
    if (samePage) return;
    const saved = positions.current!.get(key);
    if (navigation === 'POP' && saved !== undefined) return scrollWhenReady(saved);
    if (!hash) window.scrollTo(0, 0);
  }, [key]);

  return null;
}
