/** 复制链接: the permalink of a paragraph or item, absolute, to the clipboard. */
import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.ts';

export function CopyLinkButton({ url, what }: { url: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="tool"
        title={`复制${what}的永久链接`}
        data-url={url}
        onClick={() => void copyText(url).then((ok) => setState(ok ? 'copied' : 'failed'))}
      >
        {state === 'copied' ? '已复制' : state === 'failed' ? '复制失败' : '复制链接'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${what}链接已复制` : state === 'failed' ? `复制失败，链接：${url}` : ''}
      </span>
    </>
  );
}
