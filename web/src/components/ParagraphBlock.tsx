/**
 * One paragraph of the full text, anchored, with its 一是-items anchored too. Every
 * paragraph and item has 复制链接 and 引用; a problem heading shows its categories (with
 * the reasons) and opens 同类问题.
 */
import { Fragment, memo, useState, type ReactNode } from 'react';
import type { NoticeRecord, Paragraph } from '../../../contract/notice.ts';
import type { Highlights } from '../hooks/useNoticeHighlights.ts';
import { citationText, permalinkUrl } from '../lib/citation.ts';
import { markTerms } from '../lib/highlight.tsx';
import { CategoryTags } from './CategoryTags.tsx';
import { CitationButton } from './CitationButton.tsx';
import { CopyLinkButton } from './CopyLinkButton.tsx';
import { PermalinkSource } from './PermalinkSource.tsx';
import { SimilarProblems } from './SimilarProblems.tsx';

function Text({ id, text, highlights }: { id: string; text: string; highlights: Highlights }): ReactNode {
  if (highlights.kind === 'server') {
    const html = highlights.html.get(id);
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's highlighting, escaped HTML with <mark> only (server/search/highlight.ts)
    return html ? <bdi dangerouslySetInnerHTML={{ __html: html }} /> : <bdi>{text}</bdi>;
  }
  // Isolated: a direction control in the text does not carry on to the paragraph's tools.
  return <bdi>{highlights.kind === 'client' ? markTerms(text, highlights.terms) : text}</bdi>;
}

type Props = {
  notice: NoticeRecord;
  p: Paragraph;
  highlights: Highlights;
  targetId: string | undefined;
  /** A problem heading of the outline: shows categories and 同类问题. */
  problemHeading: boolean;
  repeated: Set<string>;
};

export const ParagraphBlock = memo(function ParagraphBlock({ notice, p, highlights, targetId, problemHeading, repeated }: Props) {
  const [similar, setSimilar] = useState(false);
  const position = `第 ${p.seq + 1} 段`;
  const similarCategories = p.classification
    ? (p.classification.topics.length ? p.classification.topics : p.classification.lvl1 ? [p.classification.lvl1] : []).map(
        ({ code, label }) => ({ code, label }),
      )
    : [];
  const leadText = p.items.length ? (p.lead ?? '') : p.text;

  return (
    <>
      {targetId === p.id && <PermalinkSource notice={notice} p={p} />}
      <div id={p.id} className={`para role-${p.role} part-${p.part}${targetId === p.id ? ' target' : ''}`} data-role={p.role}>
        {leadText && (
          <div className={`para-line${similar ? ' tools-open' : ''}`}>
            <p className="para-text">
              <a className="anchor" href={`#${p.id}`} aria-label={`${position}的链接`}>
                ¶
              </a>
              <Text id={p.id} text={leadText} highlights={highlights} />
            </p>
            {problemHeading && <CategoryTags classification={p.classification} repeated={repeated} />}
            <span className="para-tools">
              <CopyLinkButton url={permalinkUrl(notice.id, p.id)} what={position} />
              <CitationButton what={position} citation={() => citationText(notice, p)} />
              {problemHeading && similarCategories.length > 0 && (
                <button type="button" className="tool" aria-expanded={similar} onClick={() => setSimilar(!similar)}>
                  同类问题
                </button>
              )}
            </span>
          </div>
        )}
        {similar && (
          <SimilarProblems noticeId={notice.id} unit={notice.unit} categories={similarCategories} onClose={() => setSimilar(false)} />
        )}
        {p.items.map((it) => {
          const what = `${position}“${it.label}”`;
          return (
            <Fragment key={it.id}>
              {targetId === it.id && <PermalinkSource notice={notice} p={p} itemId={it.id} />}
              <div id={it.id} className={`item${targetId === it.id ? ' target' : ''}`}>
                <p className="para-text">
                  <a className="anchor" href={`#${it.id}`} aria-label={`${what}的链接`}>
                    §
                  </a>
                  <Text id={it.id} text={it.label + it.text} highlights={highlights} />
                </p>
                <span className="para-tools">
                  <CopyLinkButton url={permalinkUrl(notice.id, it.id)} what={what} />
                  <CitationButton what={what} citation={() => citationText(notice, p, it.id)} />
                </span>
              </div>
            </Fragment>
          );
        })}
      </div>
    </>
  );
});
