import { CheckCircleOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Form, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { LawArticleDeepLink, LawSummary } from '../../../common/laws';
import { api } from '../../api';
import { showError } from '../../components/feedback';
import { articleNumberFromInput } from '../laws/articleNo';

const bare = (t: string) => t.trim().replace(/^《|》$/g, '').replace(/^中华人民共和国/, '');

/**
 * Resolves a 法律依据 row (法律名称 + 条文) to an article of the law library, so the question links
 * to the exact text it cites (and keeps pointing at that version when the law is amended).
 */
export function LawLinkButton({ form, index }: { form: FormInstance; index: number }) {
  const articleId = Form.useWatch(['legalBasis', index, 'articleId'], form) as number | undefined;
  const [busy, setBusy] = useState(false);
  if (articleId) {
    return (
      <Tooltip title="已关联法规库条文，点击查看">
        <Link to={`/laws/articles/${articleId}`} target="_blank" aria-label={`法律依据${index + 1}已关联法条`} style={{ lineHeight: '32px', color: '#389e0d' }}>
          <CheckCircleOutlined aria-hidden />
        </Link>
      </Tooltip>
    );
  }
  const resolve = async () => {
    const title = bare(String(form.getFieldValue(['legalBasis', index, 'lawTitle']) ?? ''));
    const label = String(form.getFieldValue(['legalBasis', index, 'articleLabel']) ?? '').trim();
    const num = articleNumberFromInput(/^第?[^条]+条(?:之[0-9一二三四五六七八九十]+)?/.exec(label)?.[0] ?? label);
    if (!title || !num) {
      showError(new Error('请先填写法律名称和条文（如：民法典 第十七条）'));
      return;
    }
    setBusy(true);
    try {
      const { laws } = await api.get<{ laws: LawSummary[] }>('/api/laws');
      const law = laws.find((l) => bare(l.title) === title || l.shortTitle === title) ?? laws.find((l) => bare(l.title).includes(title));
      if (!law) throw new Error(`法规库中没有“${title}”`);
      const hit = await api.get<LawArticleDeepLink>(`/api/laws/${law.id}/articles/by-no/${num.no}`, { suffix: num.suffix || undefined });
      form.setFieldValue(['legalBasis', index, 'articleId'], hit.article.id);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title="在法规库中查找并关联该条文">
      <Button type="text" icon={<LinkOutlined aria-hidden />} loading={busy} aria-label={`关联法律依据${index + 1}的法条`} onClick={() => void resolve()} />
    </Tooltip>
  );
}
