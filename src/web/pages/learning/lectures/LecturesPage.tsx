import { ActivityListPage } from '../activities/ActivityListPage';

/** 讲法活动 */
export default function LecturesPage() {
  return <ActivityListPage category="lecture" />;
}
