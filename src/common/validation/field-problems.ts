import type { ValidationError } from 'class-validator';
import type { Label } from '../../../workflows/core/label.js';
import type { FieldProblem } from '../errors/domain-error.js';

/** class-validator constraint name → our machine-readable code and a zh-CN sentence. */
const CONSTRAINTS: Record<string, { code: string; zh: (field: string) => string }> = {
  whitelistValidation: { code: 'UNKNOWN_FIELD', zh: (f) => `不接受字段「${f}」。` },
  isDefined: { code: 'REQUIRED', zh: (f) => `缺少字段「${f}」。` },
  isNotEmpty: { code: 'REQUIRED', zh: (f) => `字段「${f}」不能为空。` },
  isString: { code: 'NOT_A_STRING', zh: (f) => `字段「${f}」须为字符串。` },
  isInt: { code: 'NOT_AN_INTEGER', zh: (f) => `字段「${f}」须为整数。` },
  isBoolean: { code: 'NOT_A_BOOLEAN', zh: (f) => `字段「${f}」须为 true 或 false。` },
  min: { code: 'TOO_SMALL', zh: (f) => `字段「${f}」的值过小。` },
  max: { code: 'TOO_LARGE', zh: (f) => `字段「${f}」的值过大。` },
  minLength: { code: 'TOO_SHORT', zh: (f) => `字段「${f}」过短。` },
  maxLength: { code: 'TOO_LONG', zh: (f) => `字段「${f}」过长。` },
  isIn: { code: 'NOT_ALLOWED_VALUE', zh: (f) => `字段「${f}」的值不在允许的范围内。` },
  isEnum: { code: 'NOT_ALLOWED_VALUE', zh: (f) => `字段「${f}」的值不在允许的范围内。` },
  isUuid: { code: 'INVALID_ID', zh: (f) => `字段「${f}」不是有效的标识符。` },
  matches: { code: 'INVALID_FORMAT', zh: (f) => `字段「${f}」的格式不正确。` },
  isObject: { code: 'NOT_AN_OBJECT', zh: (f) => `字段「${f}」须为对象。` },
};

const fallback = { code: 'INVALID', zh: (f: string) => `字段「${f}」无效。` };

/** Flattens class-validator errors (nested ones included) into one problem per field and rule. */
export const toFieldProblems = (errors: readonly ValidationError[], prefix = ''): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([name, en]): FieldProblem => {
      const rule = CONSTRAINTS[name] ?? fallback;
      const message: Label = { zh: rule.zh(field), en };
      return { field, code: rule.code, message };
    });
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
