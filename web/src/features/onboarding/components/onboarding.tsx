/**
 * Cold-start onboarding: pick genres, rate five or more seed movies, and arrive home signed in as
 * the new user. Progress lives in this component only (see useOnboarding); nothing is saved until
 * the profile is created.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { notify } from '@/lib/toast';
import { useSignOut } from '@/hooks/use-sign-out';
import { useSession, type Session } from '@/lib/session';
import { buttonClass } from '@/components/ui/button';
import { useCreateColdStartUser } from '../api/create-cold-start-user';
import { coldStartInput, useOnboarding } from '../hooks/use-onboarding';
import { GenreStep } from './genre-step';
import { RateStep } from './rate-step';

export function Onboarding() {
  const session = useSession();
  // Set in the same update as the new session, so the finished onboarding never flashes "already signed in".
  const [created, setCreated] = useState(false);
  return (
    <div className="mx-auto max-w-7xl px-4 pt-8 sm:px-8">
      {session && !created ? (
        <AlreadySignedIn session={session} />
      ) : (
        <OnboardingSteps onCreated={() => setCreated(true)} />
      )}
    </div>
  );
}

function OnboardingSteps({ onCreated }: { onCreated: () => void }) {
  const { state, dispatch } = useOnboarding();
  // Focus moves to the new step's heading only after Next or Back, not when the page first opens.
  const [moved, setMoved] = useState(false);
  const navigate = useNavigate();
  const create = useCreateColdStartUser(() => {
    onCreated();
    notify('Welcome!', 'Your recommendations are ready. Rate more movies any time to sharpen them.');
    navigate('/');
  });
  const go = (type: 'next' | 'back') => {
    dispatch({ type });
    setMoved(true);
  };

  if (state.step === 'genres')
    return (
      <GenreStep
        selected={state.genres}
        onToggle={(genre) => dispatch({ type: 'toggleGenre', genre })}
        onNext={() => go('next')}
        focusOnMount={moved}
      />
    );
  return (
    <RateStep
      genres={state.genres}
      ratings={state.ratings}
      limit={state.limit}
      onRate={(movie, rating) => dispatch({ type: 'rate', movie, rating })}
      onClear={(movieId) => dispatch({ type: 'clear', movieId })}
      onMore={() => dispatch({ type: 'more' })}
      onBack={() => go('back')}
      onSubmit={() => create.mutate(coldStartInput(state))}
      // Still busy after success: the home screen is on its way.
      submitting={create.isPending || create.isSuccess}
      submitError={create.error}
      focusOnMount={moved}
    />
  );
}

/** Onboarding makes a new user; someone already browsing as a user is asked first. */
function AlreadySignedIn({ session }: { session: Session }) {
  const startFresh = useSignOut();
  return (
    <div className="mx-auto max-w-xl py-8 text-center">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">You are already signed in</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        Onboarding creates a brand-new profile from a few genres and ratings. Sign out first to start fresh.
      </p>
      {session.kind === 'cold_start' && (
        <p className="mt-3 text-sm text-amber-700 dark:text-amber-400">
          Signing out forgets this profile&rsquo;s secret token on this device, so you will not be able to rate as it
          again.
        </p>
      )}
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <button type="button" onClick={startFresh} className={buttonClass('primary')}>
          Sign out and start fresh
        </button>
        <Link to="/" className={buttonClass('secondary')}>
          Back to my recommendations
        </Link>
      </div>
    </div>
  );
}
