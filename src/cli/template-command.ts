import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';

/** `thidua template`. */
export function registerTemplateCommand(_program: Command, _lang: Lang): void {}
