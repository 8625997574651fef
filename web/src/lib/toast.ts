/** Short messages for things that happened out of sight (a rating that did not save), shown by <Toaster />. */
import { useSyncExternalStore } from 'react';

export interface ToastMessage {
  id: number;
  title: string;
  description?: string;
}

let messages: ToastMessage[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

export function notify(title: string, description?: string): void {
  messages = [...messages, { id: nextId++, title, description }];
  emit();
}

export function dismiss(id: number): void {
  messages = messages.filter((m) => m.id !== id);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useToasts = (): ToastMessage[] =>
  useSyncExternalStore(
    subscribe,
    () => messages,
    () => messages,
  );
