/** The session menu itself: a Radix dropdown (focus, arrows and Escape handled by it). See SessionMenu. */
import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSignOut } from '@/hooks/use-sign-out';

const itemClass =
  'block cursor-pointer rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800';

export interface SessionDropdownProps {
  /** The trigger's content and look, shared with the stand-in shown before this module arrives. */
  trigger: ReactNode;
  triggerClass: string;
  /** Clicked while this module was on its way: open at once. */
  defaultOpen: boolean;
}

export function SessionDropdown({ trigger, triggerClass, defaultOpen }: SessionDropdownProps) {
  const navigate = useNavigate();
  const signOut = useSignOut();
  const leave = () => {
    signOut();
    navigate('/');
  };
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={triggerClass}>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-48 rounded-md bg-white p-1 shadow-lg ring-1 ring-black/10 dark:bg-zinc-900 dark:ring-white/10"
        >
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/ratings">My ratings</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/profile">Profile</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={itemClass}>
            <Link to="/users">Switch user</Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-zinc-200 dark:bg-zinc-800" />
          <DropdownMenu.Item className={itemClass} onSelect={leave}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
