import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { readSession, signIn } from '@/lib/session';
import { renderWithApp } from '@/testing/render';
import { SessionMenu } from './session-menu';

describe('SessionMenu', () => {
  it('offers Sign in to a visitor', () => {
    renderWithApp(<SessionMenu />);
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/users');
  });

  it('opens when clicked before the menu has loaded, and signs out from it', async () => {
    signIn({ userId: 7, kind: 'cold_start', movielensId: null, readOnly: false, token: 't' });
    const { router } = renderWithApp(<SessionMenu />, { route: '/ratings', path: '/ratings' });
    await userEvent.click(screen.getByRole('button', { name: 'Your profile (#7)' }));

    await userEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    expect(readSession()).toBeNull();
    expect(router.state.location.pathname).toBe('/');
  });
});
