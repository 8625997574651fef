/**
 * One route per screen, each loaded on first visit (so the profile's charts, say, stay out of the
 * first page's JavaScript). The layout (header, search, footer) wraps them all.
 */
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RouteError } from '@/components/ui/route-error';
import { AppLayout } from './layout/app-layout';

type Screen = () => Promise<{ default: ComponentType }>;
const screen = (load: Screen): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    // While the first screen's chunk loads: the frame already (header, footer), the screen empty,
    // rather than a blank page that then jumps to the whole layout.
    hydrateFallbackElement: <AppLayout />,
    children: [
      { index: true, ...screen(() => import('./routes/home')) },
      { path: 'users', ...screen(() => import('./routes/users')) },
      { path: 'onboarding', ...screen(() => import('./routes/onboarding')) },
      { path: 'movie/:tmdbId', ...screen(() => import('./routes/movie')) },
      { path: 'search', ...screen(() => import('./routes/search')) },
      { path: 'ratings', ...screen(() => import('./routes/ratings')) },
      { path: 'profile', ...screen(() => import('./routes/profile')) },
      { path: 'status', ...screen(() => import('./routes/status')) },
      { path: '*', ...screen(() => import('./routes/not-found')) },
    ],
  },
];

export const router = createBrowserRouter(routes);
