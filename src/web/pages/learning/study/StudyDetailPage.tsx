import { ActivityDetailPage } from '../activities/ActivityDetailPage';

export default function StudyDetailPage() {
  return <ActivityDetailPage category="study" />;
}
