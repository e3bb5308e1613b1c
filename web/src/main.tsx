import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router-dom';
import { SearchPage } from './pages/SearchPage.tsx';
import { Loading } from './components/StatusMessages.tsx';
import './styles.css';

// The notice page is its own chunk: the search page's initial JavaScript stays small.
const NoticePage = lazy(() => import('./pages/NoticePage.tsx'));

/** A new page starts at the top, unless its link points into it (#paragraph). */
function ScrollToTop() {
  const { pathname, hash } = useLocation();
  useEffect(() => { if (!hash) window.scrollTo(0, 0); }, [pathname]);
  return null;
}

function NotFound() {
  return <main className="page"><h1>页面不存在</h1><p><Link to="/">返回检索</Link></p></main>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <ScrollToTop />
      <Suspense fallback={<main className="page"><Loading /></main>}>
        <Routes>
          <Route path="/" element={<SearchPage />} />
          <Route path="/notices/:id" element={<NoticePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
