import { useMutation } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api/client';
import { signIn } from '@/lib/session';

export type ColdStartInput = Schemas['ColdStartInput'];

export const createColdStartUser = (body: ColdStartInput) => unwrap(api.POST('/api/users/cold_start/', { body }));

/**
 * Creates the user and signs in as them: the token is shown only once, so it is stored at once.
 * `onSignedIn` runs here rather than in mutate()'s callbacks, which React Query skips once the
 * component has unmounted (and signing in re-renders the screen).
 */
export const useCreateColdStartUser = (onSignedIn: () => void) =>
  useMutation({
    mutationFn: createColdStartUser,
    onSuccess: ({ user, token }) => {
      signIn({ userId: user.id, kind: 'cold_start', movielensId: null, readOnly: user.read_only, token });
      onSignedIn();
    },
  });
