/**
 * The clerk's double-click. thidua.exe opened from Explorer gets no arguments (or, when a
 * folder is dropped on it, that folder as its only one) and a console window that closes as
 * soon as the program ends: so it scores the project of that folder, or says how to make one,
 * and keeps the window open until a key is pressed.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_FILE } from './project.js';

export interface DoubleClick {
  /** The folder to score (the current one, or the folder dropped on the program). */
  dir: string;
  /** Whether it holds a thidua.yaml. */
  project: boolean;
}

const COMMANDS = new Set(['init', 'lint', 'template', 'check', 'score', 'help']);

/**
 * Whether this run is a double-click: the single executable on Windows, on a console (stdin a
 * TTY), with no arguments or one folder. Never otherwise — a script or a test that runs the
 * executable, or someone typing `thidua` in a Linux terminal, gets the usual help — unless
 * THIDUA_DOUBLE_CLICK=1 asks for it (tests of this mode).
 */
export function doubleClick(argv: string[], inExecutable: boolean): DoubleClick | null {
  const forced = process.env.THIDUA_DOUBLE_CLICK === '1';
  if (!forced && !(inExecutable && process.platform === 'win32' && process.stdin.isTTY === true)) return null;
  if (argv.length > 1) return null;
  const dir = argv[0] ?? '.';
  if (argv.length === 1 && (dir.startsWith('-') || COMMANDS.has(dir) || !isDir(dir))) return null;
  return { dir, project: existsSync(join(dir, PROJECT_FILE)) };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** What the window shows when its folder has no project. */
export const GUIDE = `thidua — chấm điểm, xếp hạng phong trào thi đua

Thư mục này chưa có dự án thidua (tệp ${PROJECT_FILE}).
Cách bắt đầu:
  1. Mở cửa sổ dòng lệnh (cmd) trong thư mục có thidua.exe và gõ:
       thidua init du-an
     để tạo dự án mẫu trong thư mục du-an.
  2. Sửa criteria.yaml, units.yaml; chép các phiếu tự chấm vào submissions.
  3. Chép thidua.exe vào thư mục du-an rồi nhấp đúp vào nó,
     hoặc kéo thư mục du-an thả lên thidua.exe: chương trình chấm điểm
     và ghi kết quả vào thư mục thidua-out.
Xem mọi lệnh: thidua --help
`;

/** Waits for a key (or for the end of stdin, when it is not a console) before the window closes. */
export function waitForKey(): Promise<void> {
  process.stdout.write('\nNhấn phím bất kỳ để đóng cửa sổ…\n');
  const stdin = process.stdin;
  return new Promise((resolve) => {
    const done = (): void => {
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      resolve();
    };
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.once('data', done);
    stdin.once('end', done);
    stdin.once('error', done);
    stdin.resume();
  });
}
