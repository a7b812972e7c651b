/**
 * Uploaded files (POST /api/files, GET /api/files/:id): what they are for and what may be
 * uploaded. The server decides the type from the bytes, not from the name or the browser's claim.
 */
export const FILE_PURPOSES = ['material', 'activity', 'question'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export interface FileMeta {
  id: number;
  name: string;
  mime: string;
  size: number;
}

/** Extensions the upload accepts (for `<input accept>` / antd Upload). */
export const FILE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.md';
export const FILE_ACCEPT_ZH = 'PDF、图片（PNG/JPG/GIF）、Word、Excel、PowerPoint、纯文本';

/** The in-app URL of a stored file. */
export const fileUrl = (id: number) => `/api/files/${id}`;

/** Shown inline in the browser (the rest download as attachments). */
export const isInlineMime = (mime: string) => mime === 'application/pdf' || mime.startsWith('image/');
