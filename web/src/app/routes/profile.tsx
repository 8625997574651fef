import { Page } from '@/components/ui/page';
import { Profile } from '@/features/profile/components/profile';

export default function ProfileRoute() {
  return (
    <Page title="Profile">
      <Profile />
    </Page>
  );
}
