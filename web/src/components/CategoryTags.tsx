/**
 * A problem's categories beside its heading: the level-1 label and the level-2 topics. Each
 * tag opens the reasons it was given (the cue words and patterns that matched).
 */
import type { Classification } from '../../../contract/notice.ts';
import { Popover } from './Popover.tsx';

/** A `because` entry that is a pattern rather than a word. */
function isPattern(s: string): boolean {
  return /[\\[\]()|{}^$*+?.]/.test(s);
}

function Reasons({ because }: { because: string[] }) {
  const words = because.filter((b) => !isPattern(b));
  const patterns = because.filter(isPattern);
  return (
    <span className="reasons">
      <span className="reasons-title">归类依据</span>
      {words.length > 0 && (
        <span className="reasons-line">
          命中词语：
          {words.map((w) => (
            <q key={w}>{w}</q>
          ))}
        </span>
      )}
      {patterns.length > 0 && (
        <span className="reasons-line">
          命中规则：
          {patterns.map((p) => (
            <code key={p}>{p}</code>
          ))}
        </span>
      )}
      {!because.length && <span className="reasons-line">（未记录依据）</span>}
    </span>
  );
}

export function CategoryTags({
  classification,
  repeated,
  compact = false,
}: {
  classification?: Classification;
  repeated?: Set<string>;
  compact?: boolean;
}) {
  if (!classification) return null;
  const tags = [
    ...(classification.lvl1 ? [{ ...classification.lvl1, lvl: 1 }] : []),
    ...classification.topics.map((t) => ({ ...t, lvl: 2 })),
  ];
  if (!tags.length) return null;
  if (compact) {
    return (
      <span className="tags compact">
        {tags.map((t) => (
          <span key={t.code} className={`tag tag-l${t.lvl}`}>
            {t.label}
            {repeated?.has(t.code) && (
              <span className="repeat-mark" title="上轮通报也有此类问题">
                ↻<span className="visually-hidden">（上轮也有）</span>
              </span>
            )}
          </span>
        ))}
      </span>
    );
  }
  return (
    <span className="tags" role="list" aria-label="问题类别">
      {tags.map((t) => (
        <span role="listitem" key={t.code}>
          <Popover
            hover
            className={`tag tag-l${t.lvl}`}
            label={
              <>
                {t.label}
                {repeated?.has(t.code) && <span className="repeat-flag">上轮也有</span>}
                <span className="visually-hidden">（{t.lvl === 1 ? '一级类别' : '二级类别'}，查看归类依据）</span>
              </>
            }
          >
            <Reasons because={t.because} />
          </Popover>
        </span>
      ))}
    </span>
  );
}
