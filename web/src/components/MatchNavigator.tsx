/**
 * 第 n / N 处: steps through the highlighted matches of the notice's full text, scrolling
 * each into view and marking the current one.
 */
type Props = { count: number; current: number; onGo(index: number): void; query: string };

export function MatchNavigator({ count, current, onGo, query }: Props) {
  return (
    <div className="match-nav" role="navigation" aria-label="检索词位置">
      <span className="match-query">
        “<bdi>{query}</bdi>”
      </span>
      {count === 0 ? (
        <span>本文无匹配</span>
      ) : (
        <>
          <button
            type="button"
            className="btn small"
            onClick={() => onGo((current - 1 + count) % count)}
            aria-label="上一处匹配"
            aria-keyshortcuts="Shift+N"
          >
            ↑ 上一处
          </button>
          <span aria-live="polite" data-testid="match-position">
            第 {current + 1} / {count} 处
          </span>
          <button
            type="button"
            className="btn small"
            onClick={() => onGo((current + 1) % count)}
            aria-label="下一处匹配"
            aria-keyshortcuts="N"
          >
            ↓ 下一处
          </button>
        </>
      )}
    </div>
  );
}
