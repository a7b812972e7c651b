import { ApartmentOutlined, AuditOutlined, BarChartOutlined, BookOutlined, CloudUploadOutlined, DashboardOutlined, FileAddOutlined, ProfileOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { CarryOutOutlined, ContainerOutlined, EditOutlined, FileDoneOutlined, FlagOutlined, FormOutlined, IdcardOutlined, LineChartOutlined, ReadOutlined, SoundOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { can, type Capability } from '../auth/permissions';
import type { Me } from '../types';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** undefined: everyone signed in */
  capability?: Capability;
}

export interface NavGroup {
  label: string | null;
  items: NavItem[];
}

/** The menu and the route guards read the same table, so a link is shown iff its page opens. */
export const NAV: NavGroup[] = [
  { label: null, items: [{ path: '/', label: '工作台', icon: <DashboardOutlined aria-hidden /> }] },
  { label: null, items: [{ path: '/my/exams', label: '我的考试', icon: <FormOutlined aria-hidden />, capability: 'exam.take' }] },
  {
    label: '学法',
    items: [
      { path: '/my/learning', label: '我的学习', icon: <ReadOutlined aria-hidden />, capability: 'learn' },
      { path: '/laws', label: '法规库', icon: <BookOutlined aria-hidden /> },
      { path: '/my/practice', label: '练习', icon: <EditOutlined aria-hidden />, capability: 'learn' },
      { path: '/my/archive', label: '我的学法档案', icon: <FileDoneOutlined aria-hidden />, capability: 'learn' },
    ],
  },
  {
    label: '学讲管理',
    items: [
      { path: '/learning/lists', label: '学法清单', icon: <UnorderedListOutlined aria-hidden />, capability: 'learning.manage' },
      { path: '/learning/progress', label: '学习进度', icon: <LineChartOutlined aria-hidden />, capability: 'learning.progress' },
      { path: '/learning/study', label: '集体学法', icon: <TeamOutlined aria-hidden />, capability: 'activities.record' },
      { path: '/learning/lectures', label: '讲法活动', icon: <SoundOutlined aria-hidden />, capability: 'activities.record' },
      { path: '/learning/duty', label: '讲法责任', icon: <FlagOutlined aria-hidden />, capability: 'learning.progress' },
      { path: '/learning/quotas', label: '学法指标', icon: <CarryOutOutlined aria-hidden />, capability: 'learning.progress' },
      { path: '/learning/lecturers', label: '师资库', icon: <IdcardOutlined aria-hidden />, capability: 'learning.progress' },
      { path: '/learning/archives', label: '学法档案', icon: <ContainerOutlined aria-hidden />, capability: 'learning.progress' },
    ],
  },
  {
    label: '题库管理',
    items: [
      { path: '/bank/questions', label: '题目', icon: <ProfileOutlined aria-hidden />, capability: 'bank.manage' },
      { path: '/bank/import', label: '导入题目', icon: <FileAddOutlined aria-hidden />, capability: 'bank.manage' },
    ],
  },
  {
    label: '考试',
    items: [
      { path: '/exams', label: '考试管理', icon: <ScheduleOutlined aria-hidden />, capability: 'exam.manage' },
      { path: '/exam-results', label: '考试成绩', icon: <BarChartOutlined aria-hidden />, capability: 'exam.results' },
    ],
  },
  {
    label: '组织人员',
    items: [
      { path: '/org/units', label: '单位管理', icon: <ApartmentOutlined aria-hidden />, capability: 'units.view' },
      { path: '/org/people', label: '人员管理', icon: <TeamOutlined aria-hidden />, capability: 'people.view' },
      { path: '/org/import', label: '人员导入', icon: <CloudUploadOutlined aria-hidden />, capability: 'people.import' },
    ],
  },
  { label: '系统管理', items: [{ path: '/audit', label: '审计日志', icon: <AuditOutlined aria-hidden />, capability: 'audit.view' }] },
];

export function navFor(me: Me | null): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => !i.capability || can(me, i.capability)) })).filter((g) => g.items.length > 0);
}

/** The nav entry a location belongs to (longest matching prefix). */
export function activeNavPath(pathname: string): string {
  const all = NAV.flatMap((g) => g.items.map((i) => i.path));
  return all.filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(p + '/'))).sort((a, b) => b.length - a.length)[0] ?? '';
}
