/** Download the current results (every page) as CSV or JSON, or follow them as a feed. */
import { exportUrl, feedUrl, type SearchRequest } from '../api/client.ts';

export function ExportLinks({ request }: { request: SearchRequest }) {
  return (
    <p className="export">
      {/* The notices view exports paragraphs too: one row per matching paragraph. */}
      <span>导出当前结果（每行一个段落）：</span>
      <a href={exportUrl(request, 'csv')} download>
        CSV
      </a>
      <a href={exportUrl(request, 'json')} download>
        JSON
      </a>
      <a href={feedUrl(request)} title="有新的匹配通报时，可在阅读器中收到">
        订阅（Atom）
      </a>
    </p>
  );
}
