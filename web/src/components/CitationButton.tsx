/**
 * 引用: copies the quotation of a paragraph or item (its text, then unit, title, date,
 * position, permalink) and shows it, selectable, in case the clipboard is not allowed.
 */
import { useState } from 'react';
import { copyText } from '../lib/clipboard.ts';
import { Popover } from './Popover.tsx';

export function CitationButton({ citation, what }: { citation: () => string; what: string }) {
  const [text, setText] = useState('');
  const [copied, setCopied] = useState<boolean>();
  return (
    <Popover
      className="tool"
      label="引用"
      ariaLabel={`引用${what}`}
      onOpen={() => {
        const t = citation();
        setText(t);
        setCopied(undefined);
        void copyText(t).then(setCopied);
      }}
    >
      {(close) => (
        <span className="citation">
          <span className="citation-status" role="status">
            {copied === undefined ? '正在复制…' : copied ? '引用已复制到剪贴板' : '无法自动复制，请选中后复制'}
          </span>
          <textarea
            className="citation-text"
            readOnly
            value={text}
            rows={4}
            aria-label="引用文字"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="linklike small" onClick={close}>
            关闭
          </button>
        </span>
      )}
    </Popover>
  );
}
