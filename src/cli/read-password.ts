import type { Readable, Writable } from 'node:stream';
import { CliFailure } from './cli-failure.js';

export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Reads one line from a pipe (`echo … | npm run cli -- reset-password wang`). */
const readLine = (stdin: Readable): Promise<string | null> =>
  new Promise((resolve) => {
    let buffer = '';
    const onData = (chunk: Buffer | string) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline >= 0) finish(buffer.slice(0, newline));
    };
    const finish = (line: string | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      resolve(line === null ? null : line.replace(/\r$/, ''));
    };
    const onEnd = () => finish(buffer === '' ? null : buffer);
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  });

/** Prompts on a terminal without echoing what is typed. */
const readHidden = (io: CliIo, prompt: string): Promise<string | null> =>
  new Promise((resolve) => {
    io.stdout.write(prompt);
    let value = '';
    io.stdin.setRawMode?.(true);
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return done(value);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const done = (result: string | null) => {
      io.stdin.off('data', onData);
      io.stdin.setRawMode?.(false);
      io.stdin.pause();
      io.stdout.write('\n');
      resolve(result);
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });

/** A new password: typed twice on a terminal, or the first line of piped input. Never an argument. */
export const readNewPassword = async (io: CliIo): Promise<string | null> => {
  if (io.stdin.isTTY !== true) return readLine(io.stdin);
  const first = await readHidden(io, 'New password (10–128 characters): ');
  if (first === null) return null;
  const second = await readHidden(io, 'Repeat the password: ');
  if (first !== second) throw new CliFailure('the two passwords differ; nothing changed');
  return first;
};
