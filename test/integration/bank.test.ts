import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, Client, createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let admin: Client;
let organiser: Client;
let member: Client;

const single = (stem: string, extra: Record<string, unknown> = {}) => ({
  type: 'single',
  stem,
  options: [
    { key: 'A', html: '十八周岁' },
    { key: 'B', html: '十六周岁' },
    { key: 'C', html: '十四周岁' },
    { key: 'D', html: '二十周岁' },
  ],
  answer: { key: 'A' },
  explanationHtml: '民法典第十七条：十八周岁以上的自然人为成年人。',
  difficulty: 2,
  knowledgePoints: ['民事行为能力'],
  ...extra,
});

async function loggedIn(name: string, employeeNo: string, roles: { role: string }[]): Promise<Client> {
  const unit = (await admin.post('/api/units', { name: `${name}单位`, parentId: null })).json();
  const p = (await admin.post('/api/people', { name, employeeNo, unitId: unit.id })).json();
  if (roles.length) await admin.put(`/api/people/${p.id}/roles`, { roles });
  const otp = (await admin.post(`/api/people/${p.id}/reset-password`)).json().oneTimePassword;
  const c = new Client(t.app);
  await c.login(employeeNo, otp);
  await c.post('/api/auth/change-password', { oldPassword: otp, newPassword: 'Chosen#Pass1' });
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await adminClient(t.app);
  organiser = await loggedIn('考评办甲', 'kpb01', [{ role: 'organiser' }]);
  member = await loggedIn('学员乙', 'stu01', []);
});
afterAll(() => t.close());

describe('question bank workflow', () => {
  it('creates a draft, and reports every content problem with its path', async () => {
    const bad = await organiser.post('/api/bank/questions', { content: { ...single(''), answer: { key: 'F' }, difficulty: 9 } });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['content.stem', 'content.difficulty']));
    const ok = await organiser.post('/api/bank/questions', { content: single('根据民法典，成年人的年龄是多少？') });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().question).toMatchObject({ status: 'draft', type: 'single' });
    expect(ok.json().question.current.versionNo).toBe(1);
  });

  it('sanitises stored HTML: no script survives', async () => {
    const res = await organiser.post('/api/bank/questions', { content: single('<p>题干<img src=x onerror=alert(1)><script>alert(2)</script></p>') });
    const stem = res.json().question.current.content.stem as string;
    expect(stem).toContain('题干');
    expect(stem).not.toMatch(/script|onerror|alert/);
  });

  it('flags a reworded near-duplicate with the existing question', async () => {
    const res = await organiser.post('/api/bank/questions', {
      content: { ...single('根据《民法典》，成年人的年龄是多少岁？'), options: [...single('').options].reverse().map((o, i) => ({ ...o, key: 'ABCD'[i] })), answer: { key: 'D' } },
    });
    expect(res.json().similar.length).toBeGreaterThan(0);
    expect(res.json().similar[0].level).toBe('duplicate');
  });

  it('compares only with current versions: a rewritten question no longer matches its old text', async () => {
    const a = (await organiser.post('/api/bank/questions', { content: single('行政复议机关应当自受理申请之日起多少日内作出决定？') })).json().question;
    await organiser.put(`/api/bank/questions/${a.id}`, { baseVersionId: a.current.id, content: single('公民申请政府信息公开，行政机关一般应在多少个工作日内答复？') });
    const b = await organiser.post('/api/bank/questions', { content: single('行政复议机关应当自受理申请之日起多少日内作出决定？') });
    expect(b.json().similar.map((x: { id: number }) => x.id)).not.toContain(a.id);
    const c = await organiser.post('/api/bank/questions', { content: single('公民申请政府信息公开，行政机关一般应在多少个工作日内答复？') });
    expect(c.json().similar.map((x: { id: number }) => x.id)).toContain(a.id);
  });

  it('needs a second person to approve, and then the question is active', async () => {
    const q = (await organiser.post('/api/bank/questions', { content: single('自然人的民事权利能力始于何时？') })).json().question;
    expect((await organiser.post(`/api/bank/questions/${q.id}/status`, { to: 'active' })).statusCode).toBe(409);
    expect((await organiser.post(`/api/bank/questions/${q.id}/status`, { to: 'pending_review' })).statusCode).toBe(200);
    const self = await organiser.post(`/api/bank/questions/${q.id}/status`, { to: 'active' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toContain('不能审核自己');
    const approved = await admin.post(`/api/bank/questions/${q.id}/status`, { to: 'active', comment: '审核通过' });
    expect(approved.json().status).toBe('active');
    expect(approved.json().statusLog[0]).toMatchObject({ fromStatus: 'pending_review', toStatus: 'active', comment: '审核通过', actorName: '系统管理员' });
  });

  it('makes every edit a new immutable version and sends an active question back to review', async () => {
    const q = (await organiser.post('/api/bank/questions', { content: single('成年人的年龄标准是？') })).json().question;
    await organiser.post(`/api/bank/questions/${q.id}/status`, { to: 'pending_review' });
    await admin.post(`/api/bank/questions/${q.id}/status`, { to: 'active' });
    const v1 = q.current.id;
    const edit = await organiser.put(`/api/bank/questions/${q.id}`, { baseVersionId: v1, content: single('依照民法典，成年人的年龄标准是？') });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().question.current.versionNo).toBe(2);
    expect(edit.json().question.status).toBe('draft');
    // the old version is still there, unchanged
    const old = (await organiser.get(`/api/bank/questions/${q.id}/versions/${v1}`)).json();
    expect(old.content.stem).toBe('成年人的年龄标准是？');
    // a stale edit is refused, not silently applied
    const stale = await organiser.put(`/api/bank/questions/${q.id}`, { baseVersionId: v1, content: single('又一次修改') });
    expect(stale.statusCode).toBe(409);
    // saving identical content makes no new version
    const same = await organiser.put(`/api/bank/questions/${q.id}`, { baseVersionId: edit.json().question.current.id, content: single('依照民法典，成年人的年龄标准是？') });
    expect(same.json().changed).toBe(false);
    expect(same.json().question.versions).toHaveLength(2);
    // and the database itself refuses to change a version
    await expect(t.ctx.db.execute(sql`update question_versions set difficulty = 5 where id = ${v1}`)).rejects.toThrow();
    await expect(t.ctx.db.execute(sql`delete from question_versions where id = ${v1}`)).rejects.toThrow();
  });

  it('enables directly when an administrator turns review off (audited); organisers cannot', async () => {
    expect((await organiser.put('/api/bank/settings', { reviewRequired: false })).statusCode).toBe(403);
    expect((await admin.put('/api/bank/settings', { reviewRequired: false })).json()).toEqual({ reviewRequired: false });
    expect((await organiser.get('/api/bank/settings')).json()).toEqual({ reviewRequired: false });
    const q = (await organiser.post('/api/bank/questions', { content: single('无需审核的题目？') })).json().question;
    expect((await organiser.post(`/api/bank/questions/${q.id}/status`, { to: 'active' })).json().status).toBe('active');
    await admin.put('/api/bank/settings', { reviewRequired: true });
    expect((await admin.get('/api/audit?action=settings.update')).json().total).toBe(2);
  });

  it('filters, searches and pages the list, and bulk-retires all or nothing', async () => {
    const cat = (await organiser.post('/api/bank/categories', { name: '民法典', parentId: null })).json();
    const sub = (await organiser.post('/api/bank/categories', { name: '总则编', parentId: cat.id })).json();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await organiser.post('/api/bank/questions', { content: single(`批量题目${i}：诉讼时效期间是几年？`), categoryId: sub.id })).json().question.id);
    }
    const inCat = (await organiser.get(`/api/bank/questions?categoryId=${cat.id}`)).json();
    expect(inCat.total).toBe(3);
    expect(inCat.items[0].categoryPath).toEqual(['民法典', '总则编']);
    expect((await organiser.get(`/api/bank/questions?q=${encodeURIComponent('诉讼时效 批量题目1')}`)).json().total).toBe(1);
    // drafts cannot go straight to retired: nothing changes
    const refused = await organiser.post('/api/bank/questions/bulk', { ids, op: { action: 'status', to: 'retired' } });
    expect(refused.statusCode).toBe(409);
    expect((await organiser.get('/api/bank/questions?status=retired')).json().total).toBe(0);
    const moved = await organiser.post('/api/bank/questions/bulk', { ids, op: { action: 'move', categoryId: cat.id } });
    expect(moved.json().updated).toBe(3);
    // tagging makes new versions, keeps the status, and changes nothing where nothing changes
    const tagged = await organiser.post('/api/bank/questions/bulk', { ids, op: { action: 'tag', add: ['诉讼时效'], remove: ['民事行为能力'] } });
    expect(tagged.json().updated).toBe(3);
    const after = (await organiser.get(`/api/bank/questions/${ids[0]}`)).json();
    expect(after.current.versionNo).toBe(2);
    expect(after.current.content.knowledgePoints).toEqual(['诉讼时效']);
    expect(after.status).toBe('draft');
    expect((await organiser.post('/api/bank/questions/bulk', { ids, op: { action: 'tag', add: ['诉讼时效'] } })).json().updated).toBe(0);
    expect((await organiser.get(`/api/bank/questions?knowledgePoint=${encodeURIComponent('诉讼时效')}`)).json().total).toBe(3);
    expect((await organiser.post('/api/bank/questions/bulk', { ids, op: { action: 'tag' } })).statusCode).toBe(400);
    const picked = (await organiser.get(`/api/bank/questions?ids=${ids[0]},${ids[2]}`)).json();
    expect(picked.items.map((x: { id: number }) => x.id).sort()).toEqual([ids[0], ids[2]].sort());
    for (const bad of ['type=填空', 'status=x', 'difficulty=7', 'page=0', 'ids=1,,2', 'ids=a']) {
      expect((await organiser.get(`/api/bank/questions?${bad}`)).statusCode, bad).toBe(400);
    }
  });

  it('keeps the bank closed to members: no answer keys for them', async () => {
    expect((await member.get('/api/bank/questions')).statusCode).toBe(403);
    expect((await member.get('/api/bank/questions/1')).statusCode).toBe(403);
    expect((await member.post('/api/bank/questions', { content: single('x') })).statusCode).toBe(403);
  });
});

describe('应知应会 handbook', () => {
  it('prints the chosen questions grouped by law, with answers and 解析, escaping what it must', async () => {
    const q = (
      await organiser.post('/api/bank/questions', {
        content: {
          type: 'fill',
          stem: '十八周岁以上的自然人为{{1}}。',
          answer: { blanks: [{ accepted: ['成年人'] }] },
          explanationHtml: '民法典第十七条。',
          difficulty: 1,
          legalBasis: [{ lawTitle: '中华人民共和国民法典', articleLabel: '第十七条' }],
        },
      })
    ).json().question;
    const title = encodeURIComponent('2026年度应知应会<script>');
    const res = await organiser.get(`/api/bank/handbook?title=${title}&groupBy=law&q=${encodeURIComponent('十八周岁以上')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('2026年度应知应会&lt;script&gt;');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('<h2>1、民法典</h2>');
    expect(res.body).toContain('成年人');
    expect(res.body).toContain('@page { size: A4');
    const xlsx = await organiser.get(`/api/bank/handbook.xlsx?q=${encodeURIComponent('十八周岁以上')}`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = wb.getWorksheet('应知应会')!.getRow(2);
    expect(row.getCell(4).value).toBe('十八周岁以上的自然人为（　　）。');
    expect(row.getCell(10).value).toBe('（1）成年人');
    expect(q.id).toBeGreaterThan(0);
    expect((await member.get('/api/bank/handbook')).statusCode).toBe(403);
  });
});
