/** Limits and messages shared by more than one stage of the people import (see commit.ts). */

export const IMPORT_MAX_ROWS = 20_000;
/** The header row may sit below a title; we look this far down for it. */
export const HEADER_SEARCH_ROWS = 10;

/** GB 11643's published sample number: the template's example row uses it and the import skips it. */
export const TEMPLATE_EXAMPLE_ID = '11010519491231002X';

export const MSG = {
  numericId: '身份证号被Excel存成了数字，末几位已丢失，请将该列设为文本后重新填写',
  maskedId: '身份证号为脱敏格式，无法导入',
  outOfScopePerson: '该人员不在您的管理范围内，不能导入或修改',
  notXlsx: '无法读取文件：不是有效的 Excel（.xlsx）文件，或文件已损坏',
} as const;
