/** Download the current results (every page) as CSV or JSON. */
import { exportUrl, type SearchRequest } from '../api/client.ts';

export function ExportLinks({ request }: { request: SearchRequest }) {
  return (
    <p className="export">
      <span>导出当前结果：</span>
      <a href={exportUrl(request, 'csv')} download>CSV</a>
      <a href={exportUrl(request, 'json')} download>JSON</a>
    </p>
  );
}
