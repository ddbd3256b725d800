import { ROLES } from '../../workflows/org/roles.js';
import type { CreatedDemoAccount } from './demo.service.js';

const pad = (text: string, width: number): string => {
  // CJK characters take two columns in a terminal
  const columns = [...text].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - columns));
};

/** The demo accounts as a table for a person at the console. Printed once, when they are created. */
export const formatDemoAccounts = (accounts: readonly CreatedDemoAccount[]): string => {
  const lines = [
    '',
    '┌─ minyi demo organisation: 天桥区 Tianqiao District ─────────────────────────',
    '│ Demo accounts — the passwords are shown only this once. 演示账号密码仅显示这一次。',
    '│',
    `│ ${pad('username', 22)}${pad('password', 20)}${pad('role 角色', 40)}unit 单位`,
    ...accounts.map(
      (a) => `│ ${pad(a.username, 22)}${pad(a.password, 20)}${pad(`${a.role} ${ROLES[a.role].zh}`, 40)}${a.unitName}`,
    ),
    '└──────────────────────────────────────────────────────────────────────────────',
    '',
  ];
  return lines.join('\n');
};

export const printDemoAccounts = (accounts: readonly CreatedDemoAccount[]): void => {
  process.stdout.write(`${formatDemoAccounts(accounts)}\n`);
};
