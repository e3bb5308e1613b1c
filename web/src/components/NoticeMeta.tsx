/** The notice's metadata: unit, region, inspection, dates, contacts, sources. */
import type { NoticeRecord } from '../../../contract/notice.ts';
import { sourceUrl } from '../api/client.ts';
import { joinIsolated } from '../lib/isolate.tsx';
import { chineseDate, inspectionParts } from '../lib/labels.ts';

const FORMAT_LABEL: Record<string, string> = { txt: '文本', docx: 'Word', html: '网页', pdf: 'PDF' };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function NoticeMeta({ notice }: { notice: NoticeRecord }) {
  const insp = notice.inspection;
  const c = notice.contacts;
  const range = (r: { from: string; to: string }) => `${chineseDate(r.from)}至${chineseDate(r.to)}`;
  return (
    <dl className="meta">
      {notice.unit && (
        <>
          <dt>单位</dt>
          <dd>
            <bdi>{notice.unit}</bdi>
            {notice.unitAsWritten && notice.unitAsWritten !== notice.unit && (
              <>
                （署名：<bdi>{notice.unitAsWritten}</bdi>）
              </>
            )}
          </dd>
        </>
      )}
      {notice.region.length > 0 && (
        <>
          <dt>地区</dt>
          <dd>{joinIsolated(notice.region, ' › ')}</dd>
        </>
      )}
      {(insp.level || insp.group || insp.kind || insp.round) && (
        <>
          <dt>巡视巡察</dt>
          <dd>{joinIsolated(inspectionParts(insp))}</dd>
        </>
      )}
      {insp.period && (
        <>
          <dt>巡察时间</dt>
          <dd>{range(insp.period)}</dd>
        </>
      )}
      {insp.feedbackDate && (
        <>
          <dt>反馈日期</dt>
          <dd>{chineseDate(insp.feedbackDate)}</dd>
        </>
      )}
      {notice.publishedDate && (
        <>
          <dt>发布日期</dt>
          <dd>{chineseDate(notice.publishedDate)}</dd>
        </>
      )}
      {notice.publicWindow && (
        <>
          <dt>公开期限</dt>
          <dd>{range(notice.publicWindow)}</dd>
        </>
      )}
      {c.phones.length > 0 && (
        <>
          <dt>联系电话</dt>
          <dd>{joinIsolated(c.phones, '，')}</dd>
        </>
      )}
      {c.address && (
        <>
          <dt>通信地址</dt>
          <dd>
            <bdi>{c.address}</bdi>
            {c.postcode ? `（邮编 ${c.postcode}）` : ''}
          </dd>
        </>
      )}
      {!c.address && c.postcode && (
        <>
          <dt>邮编</dt>
          <dd>{c.postcode}</dd>
        </>
      )}
      {c.email && (
        <>
          <dt>电子邮箱</dt>
          <dd>{c.email}</dd>
        </>
      )}
      {notice.sources.length > 0 && (
        <>
          <dt>来源文件</dt>
          <dd>
            <ul className="sources">
              {notice.sources.map((s) => (
                <li key={s.sha256}>
                  <a href={sourceUrl(notice.id, s.sha256)} download={s.fileName}>
                    下载原文件
                  </a>{' '}
                  <span className="hint">
                    <bdi>{s.fileName}</bdi>（{FORMAT_LABEL[s.format] ?? s.format}，{size(s.bytes)}，收录于 {s.addedAt.slice(0, 10)}）
                  </span>
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}
