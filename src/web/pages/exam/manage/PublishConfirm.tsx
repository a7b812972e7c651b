import { Typography } from 'antd';
import type { ExamDetail } from '../../../../common/exam-admin';
import { fmtWindow } from './labels';

/** What publishing freezes, said before the organiser confirms. */
export function PublishConfirmText({ exam }: { exam: ExamDetail }) {
  const blueprint = exam.paperMode === 'blueprint';
  return (
    <div data-testid="publish-confirm">
      <Typography.Paragraph>发布后：</Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, marginTop: 0 }}>
        <li>
          {blueprint
            ? '试卷题目冻结：按组卷规则从题库当前启用的题目（及其当前版本）中抽题，此后题库的修改、停用都不影响本场考试；'
            : '试卷冻结：固定试卷使用各题当前版本，此后题库的修改不影响本场考试；'}
        </li>
        <li>考生名单生成：按规则确定的考生与手工添加的名单合并，并为每位考生预先{blueprint ? '抽取一份各不相同的试卷' : '生成试卷'}；</li>
        <li>考生可在 {fmtWindow(exam.opensAt, exam.closesAt)} 参加考试；</li>
        <li>题型、分值、组卷规则、评分规则和开考时间不能再修改，只能修改名称、考试须知、截止时间和合格有效期。发布后仍可添加考生或为个别考生延时。</li>
      </ul>
    </div>
  );
}
