import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, Route, Routes } from 'react-router-dom';
import { SearchPage } from './pages/SearchPage.tsx';
import { Loading } from './components/StatusMessages.tsx';
import { ScrollMemory } from './components/ScrollMemory.tsx';
import './styles.css';

// The notice page is its own chunk: the search page's initial JavaScript stays small.
const NoticePage = lazy(() => import('./pages/NoticePage.tsx'));

function NotFound() {
  return (
    <main className="page">
      <h1>页面不存在</h1>
      <p>
        <Link to="/">返回检索</Link>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <ScrollMemory />
      <Suspense
        fallback={
          <main className="page">
            <Loading />
          </main>
        }
      >
        <Routes>
          <Route path="/" element={<SearchPage />} />
          <Route path="/notices/:id" element={<NoticePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
