import type { Command } from 'commander';
import type { Lang } from '../diagnostics/messages.js';

/** template, check and score. */
export function registerSubmissionCommands(_program: Command, _lang: Lang): void {}
