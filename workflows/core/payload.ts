import type { Label } from './label.js';

/**
 * Payload declarations: each event (and each procedure's configuration) declares its fields once,
 * here, and both the machine's TypeScript types and the API's validation are read from it.
 * Fields are required unless `optional: true`.
 */
interface FieldBase {
  readonly label: Label;
  readonly description?: Label;
  readonly optional?: boolean;
}

export interface TextField extends FieldBase {
  readonly type: 'text';
  readonly minLength?: number;
  readonly maxLength: number;
}

export interface IntegerField extends FieldBase {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
}

export interface BooleanField extends FieldBase {
  readonly type: 'boolean';
}

export interface EnumField<V extends string = string> extends FieldBase {
  readonly type: 'enum';
  readonly values: readonly V[];
}

export interface EnumListField<V extends string = string> extends FieldBase {
  readonly type: 'enumList';
  readonly values: readonly V[];
  readonly minItems?: number;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface DateField extends FieldBase {
  readonly type: 'date';
}

/** The id of another record (a meeting, an objection, a notice), opaque to the machine. */
export interface RefField extends FieldBase {
  readonly type: 'ref';
}

export type FieldDecl = TextField | IntegerField | BooleanField | EnumField | EnumListField | DateField | RefField;
export type PayloadDecl = Readonly<Record<string, FieldDecl>>;

type FieldValue<F> = F extends { readonly type: 'text' | 'date' | 'ref' }
  ? string
  : F extends { readonly type: 'integer' }
    ? number
    : F extends { readonly type: 'boolean' }
      ? boolean
      : F extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
        ? V
        : F extends { readonly type: 'enumList'; readonly values: readonly (infer V)[] }
          ? V[]
          : never;

type RequiredKeys<P> = { [K in keyof P]: P[K] extends { readonly optional: true } ? never : K }[keyof P];
type OptionalKeys<P> = Exclude<keyof P, RequiredKeys<P>>;

/** The TypeScript type of a payload declared by `P`. */
export type PayloadOf<P extends PayloadDecl> = { [K in RequiredKeys<P>]: FieldValue<P[K]> } & {
  [K in OptionalKeys<P>]?: FieldValue<P[K]>;
};

export const PAYLOAD_ERROR_CODES = [
  'PAYLOAD_NOT_OBJECT',
  'FIELD_UNKNOWN',
  'FIELD_REQUIRED',
  'FIELD_WRONG_TYPE',
  'FIELD_TOO_SHORT',
  'FIELD_TOO_LONG',
  'FIELD_OUT_OF_RANGE',
  'FIELD_NOT_ALLOWED_VALUE',
  'FIELD_BAD_DATE',
] as const;
export type PayloadErrorCode = (typeof PAYLOAD_ERROR_CODES)[number];

export interface PayloadError {
  /** The offending field, or `''` for the payload as a whole. */
  readonly field: string;
  readonly code: PayloadErrorCode;
  readonly message: Label;
}

export type PayloadValidation<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly PayloadError[] };

/** Upper bound on any `ref` field: ids are UUIDs or short keys, never documents. */
const REF_MAX_LENGTH = 64;

/**
 * An unpaired UTF-16 surrogate (JSON can carry one as `\ud800`): not Unicode text, and the audit
 * trail could not record it (its canonical JSON, RFC 8785, is I-JSON: well-formed Unicode only).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCalendarDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const fieldError = (field: string, code: PayloadErrorCode, zh: string, en: string): PayloadError => ({
  field,
  code,
  message: { zh, en },
});

const checkField = (name: string, decl: FieldDecl, value: unknown): PayloadError | undefined => {
  const wrongType = (zhType: string, enType: string) =>
    fieldError(name, 'FIELD_WRONG_TYPE', `「${decl.label.zh}」应为${zhType}`, `${name} must be ${enType}`);
  switch (decl.type) {
    case 'text': {
      if (typeof value !== 'string' || LONE_SURROGATE.test(value)) return wrongType('文本', 'a string of Unicode text');
      const length = [...value.trim()].length;
      const min = decl.minLength ?? 1;
      if (length < min) {
        return fieldError(name, 'FIELD_TOO_SHORT', `「${decl.label.zh}」至少需要${min}个字`, `${name} needs at least ${min} characters`);
      }
      if ([...value].length > decl.maxLength) {
        return fieldError(name, 'FIELD_TOO_LONG', `「${decl.label.zh}」不能超过${decl.maxLength}个字`, `${name} may have at most ${decl.maxLength} characters`);
      }
      return undefined;
    }
    case 'ref':
      if (typeof value !== 'string' || value.length === 0 || LONE_SURROGATE.test(value)) return wrongType('编号', 'an id');
      if (value.length > REF_MAX_LENGTH) {
        return fieldError(name, 'FIELD_TOO_LONG', `「${decl.label.zh}」编号过长`, `${name} is too long for an id`);
      }
      return undefined;
    case 'date':
      if (typeof value !== 'string') return wrongType('日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)');
      return isCalendarDate(value)
        ? undefined
        : fieldError(name, 'FIELD_BAD_DATE', `「${decl.label.zh}」不是有效日期（YYYY-MM-DD）`, `${name} is not a valid date (YYYY-MM-DD)`);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType('整数', 'an integer');
      return value < decl.min || value > decl.max
        ? fieldError(name, 'FIELD_OUT_OF_RANGE', `「${decl.label.zh}」应在${decl.min}到${decl.max}之间`, `${name} must be between ${decl.min} and ${decl.max}`)
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType('是/否', 'true or false');
    case 'enum':
      if (typeof value !== 'string') return wrongType('文本', 'a string');
      return decl.values.includes(value)
        ? undefined
        : fieldError(name, 'FIELD_NOT_ALLOWED_VALUE', `「${decl.label.zh}」只能是：${decl.values.join('、')}`, `${name} must be one of: ${decl.values.join(', ')}`);
    case 'enumList': {
      if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return wrongType('列表', 'a list of strings');
      const items = value as string[];
      const bad = items.find((item) => !decl.values.includes(item));
      if (bad !== undefined) {
        return fieldError(name, 'FIELD_NOT_ALLOWED_VALUE', `「${decl.label.zh}」只能包含：${decl.values.join('、')}`, `${name} may only contain: ${decl.values.join(', ')}`);
      }
      if (new Set(value).size !== value.length) {
        return fieldError(name, 'FIELD_NOT_ALLOWED_VALUE', `「${decl.label.zh}」不能重复`, `${name} has duplicates`);
      }
      const min = decl.minItems ?? 0;
      return value.length < min
        ? fieldError(name, 'FIELD_TOO_SHORT', `「${decl.label.zh}」至少需要${min}项`, `${name} needs at least ${min} items`)
        : undefined;
    }
    default: {
      const unreachable: never = decl;
      return unreachable;
    }
  }
};

/**
 * Checks a payload against its declaration: every required field present and of its type,
 * no unknown field. Returns every error at once so that a form can show them together.
 */
export const validatePayload = <P extends PayloadDecl>(decl: P, payload: unknown): PayloadValidation<PayloadOf<P>> => {
  const input = payload === undefined ? {} : payload;
  if (!isPlainObject(input)) {
    return { ok: false, errors: [fieldError('', 'PAYLOAD_NOT_OBJECT', '内容应为对象', 'payload must be an object')] };
  }
  const errors: PayloadError[] = [];
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(decl, key)) {
      errors.push(fieldError(key, 'FIELD_UNKNOWN', `不认识的字段「${key}」`, `unknown field ${key}`));
    }
  }
  for (const [name, field] of Object.entries(decl)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (!field.optional) {
        errors.push(fieldError(name, 'FIELD_REQUIRED', `必须填写「${field.label.zh}」`, `${name} is required`));
      }
      continue;
    }
    const error = checkField(name, field, value);
    if (error) errors.push(error);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: input as PayloadOf<P> };
};

/** A JSON Schema (draft 2020-12 subset) of a payload, for OpenAPI and for forms. */
export const payloadJsonSchema = (decl: PayloadDecl): Record<string, unknown> => {
  const properties: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(decl)) {
    const common = { title: field.label.zh, description: field.description?.en ?? field.label.en };
    switch (field.type) {
      case 'text':
        properties[name] = { ...common, type: 'string', minLength: field.minLength ?? 1, maxLength: field.maxLength };
        break;
      case 'ref':
        properties[name] = { ...common, type: 'string', minLength: 1, maxLength: REF_MAX_LENGTH };
        break;
      case 'date':
        properties[name] = { ...common, type: 'string', format: 'date' };
        break;
      case 'integer':
        properties[name] = { ...common, type: 'integer', minimum: field.min, maximum: field.max };
        break;
      case 'boolean':
        properties[name] = { ...common, type: 'boolean' };
        break;
      case 'enum':
        properties[name] = { ...common, type: 'string', enum: [...field.values] };
        break;
      case 'enumList':
        properties[name] = { ...common, type: 'array', uniqueItems: true, minItems: field.minItems ?? 0, items: { type: 'string', enum: [...field.values] } };
        break;
      default: {
        const unreachable: never = field;
        throw new Error(`unknown field ${String(unreachable)}`);
      }
    }
  }
  const required = Object.entries(decl)
    .filter(([, field]) => !field.optional)
    .map(([name]) => name);
  return { type: 'object', additionalProperties: false, properties, required };
};
