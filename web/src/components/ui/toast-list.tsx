/** The toasts, through Radix Toast: announced politely, swipe or Escape to dismiss, F8 to reach. */
import { Toast } from 'radix-ui';
import { dismiss, type ToastMessage } from '@/lib/toast';

export function ToastList({ toasts }: { toasts: readonly ToastMessage[] }) {
  return (
    <Toast.Provider duration={6000}>
      {toasts.map((t) => (
        <Toast.Root
          key={t.id}
          onOpenChange={(open) => !open && dismiss(t.id)}
          className="rounded-md bg-zinc-900 p-4 text-sm text-white shadow-lg ring-1 ring-white/10 dark:bg-zinc-100 dark:text-zinc-900"
        >
          <Toast.Title className="font-semibold">{t.title}</Toast.Title>
          {t.description && <Toast.Description className="mt-1 opacity-90">{t.description}</Toast.Description>}
          <Toast.Close className="mt-2 text-xs underline">Dismiss</Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed bottom-4 right-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2" />
    </Toast.Provider>
  );
}
