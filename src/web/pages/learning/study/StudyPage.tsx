import { ActivityListPage } from '../activities/ActivityListPage';

/** 集体学法 */
export default function StudyPage() {
  return <ActivityListPage category="study" />;
}
