import { lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { Forbidden, RequireAuth, RequireCapability } from './auth/guards';
import { AppLayout } from './layout/AppLayout';
import LoginPage from './pages/auth/LoginPage';
import ForcePasswordPage from './pages/auth/ForcePasswordPage';
import NotFoundPage from './pages/errors/NotFoundPage';
import RouteError from './pages/errors/RouteError';
import { AttemptRoute } from './pages/exam/my/AttemptRoute';
import { SignRoute } from './pages/sign/SignRoute';

// Pages behind the menu load on demand so the login page stays small.
const HomePage = lazy(() => import('./pages/home/HomePage'));
const MyExamsPage = lazy(() => import('./pages/exam/my/MyExamsPage'));
const PracticePage = lazy(() => import('./pages/my/practice/PracticePage'));
const ExamStartPage = lazy(() => import('./pages/exam/my/ExamStartPage'));
const AttemptResultPage = lazy(() => import('./pages/exam/my/ResultPage'));
const UnitsPage = lazy(() => import('./pages/org/units/UnitsPage'));
const PeoplePage = lazy(() => import('./pages/org/people/PeoplePage'));
const ImportPage = lazy(() => import('./pages/org/import/ImportPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const LawsPage = lazy(() => import('./pages/laws/LawsPage'));
const LawReaderPage = lazy(() => import('./pages/laws/LawReaderPage'));
const LawSearchPage = lazy(() => import('./pages/laws/LawSearchPage'));
const LawUploadPage = lazy(() => import('./pages/laws/LawUploadPage'));
const ArticleLinkPage = lazy(() => import('./pages/laws/ArticleLinkPage'));
const QuestionsPage = lazy(() => import('./pages/bank/QuestionsPage'));
const QuestionEditPage = lazy(() => import('./pages/bank/QuestionEditPage'));
const QuestionDetailPage = lazy(() => import('./pages/bank/QuestionDetailPage'));
const BankImportPage = lazy(() => import('./pages/bank/import/BankImportPage'));
const ExamsPage = lazy(() => import('./pages/exam/manage/ExamsPage'));
const ExamEditPage = lazy(() => import('./pages/exam/manage/ExamEditPage'));
const ExamDetailPage = lazy(() => import('./pages/exam/manage/ExamDetailPage'));
const GradingPage = lazy(() => import('./pages/exam/results/GradingPage'));
const UnitExamsPage = lazy(() => import('./pages/exam/unit/UnitExamsPage'));
const UnitExamResultsPage = lazy(() => import('./pages/exam/unit/UnitExamResultsPage'));
const DutyPage = lazy(() => import('./pages/learning/duty/DutyPage'));
const StudyPage = lazy(() => import('./pages/learning/study/StudyPage'));
const StudyDetailPage = lazy(() => import('./pages/learning/study/StudyDetailPage'));
const LecturesPage = lazy(() => import('./pages/learning/lectures/LecturesPage'));
const LectureDetailPage = lazy(() => import('./pages/learning/lectures/LectureDetailPage'));
const QuotasPage = lazy(() => import('./pages/learning/quotas/QuotasPage'));
const LecturersPage = lazy(() => import('./pages/learning/lecturers/LecturersPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const ArchivesPage = lazy(() => import('./pages/learning/archives/ArchivesPage'));
const MyArchivePage = lazy(() => import('./pages/my/archive/MyArchivePage'));
const MaterialReaderPage = lazy(() => import('./pages/my/learning/MaterialReaderPage'));
const ListsPage = lazy(() => import('./pages/learning/lists/ListsPage'));
const ListEditPage = lazy(() => import('./pages/learning/lists/ListEditPage'));
const ProgressPage = lazy(() => import('./pages/learning/progress/ProgressPage'));
const MyLearningPage = lazy(() => import('./pages/my/learning/MyLearningPage'));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  { path: '/password/required', element: <ForcePasswordPage />, errorElement: <RouteError /> },
  // The exam page is full screen (no menu), so a phone has the whole width.
  { path: '/my/attempts/:attemptId', element: <AttemptRoute />, errorElement: <RouteError /> },
  // Phone sign-in at a group study or lecture: also full screen.
  { path: '/sign/:code?', element: <SignRoute />, errorElement: <RouteError /> },
  {
    path: '/',
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      {
        // Errors inside a page keep the menu and header around them.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'my/exams', element: <RequireCapability capability="exam.take"><MyExamsPage /></RequireCapability> },
          { path: 'my/practice', element: <RequireCapability capability="learn"><PracticePage /></RequireCapability> },
          { path: 'my/exams/:examId', element: <RequireCapability capability="exam.take"><ExamStartPage /></RequireCapability> },
          { path: 'my/attempts/:attemptId/result', element: <RequireCapability capability="exam.take"><AttemptResultPage /></RequireCapability> },
          { path: 'org/units', element: <RequireCapability capability="units.view"><UnitsPage /></RequireCapability> },
          { path: 'org/people', element: <RequireCapability capability="people.view"><PeoplePage /></RequireCapability> },
          { path: 'org/import', element: <RequireCapability capability="people.import"><ImportPage /></RequireCapability> },
          { path: 'laws', element: <LawsPage /> },
          { path: 'laws/search', element: <LawSearchPage /> },
          { path: 'laws/upload', element: <RequireCapability capability="laws.upload"><LawUploadPage /></RequireCapability> },
          { path: 'laws/articles/:articleId', element: <ArticleLinkPage /> },
          { path: 'laws/:lawId', element: <LawReaderPage /> },
          { path: 'bank/questions', element: <RequireCapability capability="bank.manage"><QuestionsPage /></RequireCapability> },
          { path: 'bank/questions/new', element: <RequireCapability capability="bank.manage"><QuestionEditPage /></RequireCapability> },
          { path: 'bank/questions/:id/edit', element: <RequireCapability capability="bank.manage"><QuestionEditPage /></RequireCapability> },
          { path: 'bank/questions/:id', element: <RequireCapability capability="bank.manage"><QuestionDetailPage /></RequireCapability> },
          { path: 'bank/import', element: <RequireCapability capability="bank.manage"><BankImportPage /></RequireCapability> },
          { path: 'exams', element: <RequireCapability capability="exam.manage"><ExamsPage /></RequireCapability> },
          { path: 'exams/new', element: <RequireCapability capability="exam.manage"><ExamEditPage /></RequireCapability> },
          { path: 'exams/:id/edit', element: <RequireCapability capability="exam.manage"><ExamEditPage /></RequireCapability> },
          { path: 'exams/:id', element: <RequireCapability capability="exam.manage"><ExamDetailPage /></RequireCapability> },
          { path: 'exams/:id/grading/:questionId', element: <RequireCapability capability="exam.manage"><GradingPage /></RequireCapability> },
          { path: 'exam-results', element: <RequireCapability capability="exam.results"><UnitExamsPage /></RequireCapability> },
          { path: 'exam-results/:id', element: <RequireCapability capability="exam.results"><UnitExamResultsPage /></RequireCapability> },
          { path: 'learning/archives', element: <RequireCapability capability="learning.progress"><ArchivesPage /></RequireCapability> },
          { path: 'my/archive', element: <RequireCapability capability="learn"><MyArchivePage /></RequireCapability> },
          { path: 'my/learning/materials/:id', element: <RequireCapability capability="learn"><MaterialReaderPage /></RequireCapability> },
          { path: 'my/learning', element: <RequireCapability capability="learn"><MyLearningPage /></RequireCapability> },
          { path: 'learning/lists', element: <RequireCapability capability="learning.manage"><ListsPage /></RequireCapability> },
          { path: 'learning/lists/:id', element: <RequireCapability capability="learning.manage"><ListEditPage /></RequireCapability> },
          { path: 'learning/progress', element: <RequireCapability capability="learning.progress"><ProgressPage /></RequireCapability> },
          { path: 'learning/study', element: <RequireCapability capability="activities.record"><StudyPage /></RequireCapability> },
          { path: 'learning/study/:id', element: <RequireCapability capability="activities.record"><StudyDetailPage /></RequireCapability> },
          { path: 'learning/lectures', element: <RequireCapability capability="activities.record"><LecturesPage /></RequireCapability> },
          { path: 'learning/lectures/:id', element: <RequireCapability capability="activities.record"><LectureDetailPage /></RequireCapability> },
          { path: 'learning/duty', element: <RequireCapability capability="learning.progress"><DutyPage /></RequireCapability> },
          { path: 'learning/quotas', element: <RequireCapability capability="learning.progress"><QuotasPage /></RequireCapability> },
          { path: 'learning/lecturers', element: <RequireCapability capability="learning.progress"><LecturersPage /></RequireCapability> },
          { path: 'notifications', element: <NotificationsPage /> },
          { path: 'audit', element: <RequireCapability capability="audit.view"><AuditPage /></RequireCapability> },
          { path: '403', element: <Forbidden /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
