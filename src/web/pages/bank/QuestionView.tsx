import { CheckCircleFilled } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { BLANK_MARKER_RE, type QuestionContent } from '../../../common/bank';

/**
 * Server-sanitised HTML (every stored HTML field passed sanitizeQuestionHtml). Never pass
 * anything the user typed here before the server has cleaned and stored it.
 */
export function SanitisedHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** {{n}} → an underlined gap with its number (our own fixed markup around stored, sanitised HTML). */
export const withBlanks = (stem: string) => stem.replace(BLANK_MARKER_RE, (_m, n: string) => `<span class="bank-blank">（${Number(n)}）</span>`);

/** The question as an examinee sees it; showKey marks the correct answer. */
export function QuestionView({ content, showKey }: { content: QuestionContent; showKey?: boolean }) {
  const keys = content.type === 'single' ? [content.answer.key] : content.type === 'multiple' ? content.answer.keys : [];
  return (
    <div data-testid="question-view">
      <SanitisedHtml className="bank-stem" html={content.type === 'fill' ? withBlanks(content.stem) : content.stem} />
      {(content.type === 'single' || content.type === 'multiple') && (
        <div style={{ marginTop: 12 }}>
          {(content.options ?? []).map((o) => {
            const isKey = showKey && keys.includes(o.key);
            return (
              <div key={o.key} className={isKey ? 'bank-option bank-option--key' : 'bank-option'}>
                <span className="bank-option__key">{o.key}.</span>
                <SanitisedHtml html={o.html} />
                {isKey && <CheckCircleFilled style={{ color: '#52c41a', marginLeft: 'auto', alignSelf: 'center' }} aria-label="正确答案" />}
              </div>
            );
          })}
        </div>
      )}
      {content.type === 'truefalse' && (
        <Space style={{ marginTop: 12 }}>
          <Tag color={showKey && content.answer.value ? 'green' : undefined}>正确</Tag>
          <Tag color={showKey && !content.answer.value ? 'green' : undefined}>错误</Tag>
        </Space>
      )}
      {showKey && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>答案：</Typography.Text>
          <AnswerKey content={content} />
        </div>
      )}
    </div>
  );
}

export function AnswerKey({ content: c }: { content: QuestionContent }) {
  switch (c.type) {
    case 'single':
      return <Tag color="green">{c.answer.key}</Tag>;
    case 'multiple':
      return <Tag color="green">{c.answer.keys.join('')}</Tag>;
    case 'truefalse':
      return <Tag color="green">{c.answer.value ? '正确' : '错误'}</Tag>;
    case 'fill':
      return (
        <div style={{ marginTop: 4 }}>
          {c.answer.blanks.map((b, i) => (
            <div key={i}>
              第{i + 1}空：
              {b.accepted.map((a) => (
                <Tag key={a} color="green">
                  {a}
                </Tag>
              ))}
            </div>
          ))}
        </div>
      );
    case 'essay':
      return (
        <div style={{ marginTop: 4 }}>
          <SanitisedHtml className="bank-stem" html={c.answer.referenceHtml} />
          {c.answer.rubric.length > 0 && (
            <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
              {c.answer.rubric.map((r, i) => (
                <li key={i}>
                  {r.point}（{r.score}分）
                </li>
              ))}
            </ul>
          )}
        </div>
      );
  }
}
