/** Every user-visible string has a zh-CN form (the default) and an en form. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

export const label = (zh: string, en: string): Label => ({ zh, en });
