import { Page } from '@/components/ui/page';
import { StatusReport } from '@/features/status/components/status-report';

export default function StatusRoute() {
  return (
    <Page title="Service status" className="mx-auto w-full max-w-5xl px-4 pt-8 sm:px-8">
      <h1 className="mb-6 text-2xl font-bold tracking-tight sm:text-3xl">Service status</h1>
      <StatusReport />
    </Page>
  );
}
