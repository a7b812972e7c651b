import { ActivityDetailPage } from '../activities/ActivityDetailPage';

export default function LectureDetailPage() {
  return <ActivityDetailPage category="lecture" />;
}
