/** The onboarding's two button looks: the step's main action, and the quieter ones beside it. */
export const primaryButton =
  'rounded-full bg-accent-strong px-5 py-2 font-semibold text-white hover:brightness-90 disabled:cursor-not-allowed disabled:opacity-50';
export const secondaryButton =
  'rounded-full px-5 py-2 font-medium ring-1 ring-zinc-300 hover:bg-zinc-100 disabled:opacity-60 dark:ring-zinc-700 dark:hover:bg-zinc-800';
