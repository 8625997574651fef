import { Page } from '@/components/ui/page';
import { Onboarding } from '@/features/onboarding/components/onboarding';

export default function OnboardingRoute() {
  return (
    <Page title="Get started">
      <Onboarding />
    </Page>
  );
}
