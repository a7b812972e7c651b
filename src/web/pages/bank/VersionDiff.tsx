import { Empty, Skeleton, Table, Typography } from 'antd';
import { DIFFICULTY_ZH, type QuestionContent } from '../../../common/bank';
import { answerText, htmlToText } from './content';
import { diffText } from './diff';
import { legalBasisText } from './labels';
import { useVersion } from './useBank';

/** The fields a reviewer compares, as text. */
function fields(c: QuestionContent): [string, string][] {
  return [
    ['题干', htmlToText(c.stem)],
    ['选项', (c.options ?? []).map((o) => `${o.key}. ${htmlToText(o.html)}`).join('\n')],
    ['答案', answerText(c)],
    ['解析', htmlToText(c.explanationHtml)],
    ['难度', `${c.difficulty} ${DIFFICULTY_ZH[c.difficulty] ?? ''}`],
    ['法律依据', c.legalBasis.map(legalBasisText).join('\n')],
    ['知识点', c.knowledgePoints.join('、')],
    ['适用职级', c.suitableRanks.join('、')],
    ['年度', c.yearAdded ? String(c.yearAdded) : ''],
    ['来源', c.source],
  ];
}

function Diff({ oldText, newText }: { oldText: string; newText: string }) {
  return (
    <pre className="bank-diff">
      {diffText(oldText, newText).map((p, i) =>
        p.kind === 'same' ? <span key={i}>{p.text}</span> : p.kind === 'add' ? <ins key={i} className="bank-diff__add">{p.text}</ins> : <del key={i} className="bank-diff__del">{p.text}</del>,
      )}
    </pre>
  );
}

/** Field-by-field comparison of two versions; unchanged fields are listed as such. */
export function VersionDiff({ questionId, oldId, newId }: { questionId: number; oldId: number; newId: number }) {
  const a = useVersion(questionId, oldId);
  const b = useVersion(questionId, newId);
  if (a.isLoading || b.isLoading) return <Skeleton active />;
  if (!a.data || !b.data) return <Empty description="无法载入版本" />;
  const fa = fields(a.data.content);
  const fb = fields(b.data.content);
  const rows = fa.map(([label, oldText], i) => ({ label, oldText, newText: fb[i][1] }));
  const changed = rows.filter((r) => r.oldText !== r.newText);
  const same = rows.filter((r) => r.oldText === r.newText && (r.oldText || r.newText)).map((r) => r.label);
  return (
    <div data-testid="version-diff">
      <Typography.Paragraph>
        第 {a.data.versionNo} 版 → 第 {b.data.versionNo} 版：{changed.length ? `${changed.length} 项有变化` : '内容相同'}
        <Typography.Text type="secondary">
          {'　'}
          <del className="bank-diff__del">删除的文字</del> <ins className="bank-diff__add">新增的文字</ins>
        </Typography.Text>
      </Typography.Paragraph>
      {changed.length > 0 && (
        <Table
          className="bank-diff-table"
          size="small"
          bordered
          pagination={false}
          rowKey="label"
          dataSource={changed}
          columns={[
            { title: '项目', dataIndex: 'label', width: 90 },
            { title: '变化', key: 'diff', render: (_: unknown, r) => <Diff oldText={r.oldText} newText={r.newText} /> },
          ]}
        />
      )}
      {same.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          未变化：{same.join('、')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
