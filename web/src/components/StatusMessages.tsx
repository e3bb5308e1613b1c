/** The loading, error and empty states shared by every view. */
import type { ReactNode } from 'react';
import type { ApiRequestError } from '../api/client.ts';
import { chineseMessage, retryable } from '../lib/error-messages.ts';

export function ErrorMessage({ error, onRetry, what = '加载' }: { error: ApiRequestError; onRetry?: () => void; what?: string }) {
  const down = retryable(error);
  return (
    <div role="alert" className="error">
      <p>
        <strong>{down ? `${what}失败：服务暂时无法访问。` : `${what}请求有误。`}</strong> {chineseMessage(error)}
      </p>
      {onRetry && down && (
        <button type="button" className="btn" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

export function Loading({ children = '正在加载…' }: { children?: ReactNode }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
