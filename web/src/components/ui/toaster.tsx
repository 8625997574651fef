/**
 * The toasts from lib/toast. Radix Toast is not in the first page's JavaScript: it is fetched when the
 * browser is first idle, and a toast raised before it has arrived waits for it (and asks again).
 */
import { useIdleImport } from '@/hooks/use-idle-import';
import { useToasts } from '@/lib/toast';

const loadToastList = () => import('./toast-list');

export function Toaster() {
  const toasts = useToasts();
  const module = useIdleImport(loadToastList, toasts.length);
  return module ? <module.ToastList toasts={toasts} /> : null;
}
