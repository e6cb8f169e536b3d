import type { AssayVersions } from './assay-versions.js';
import { envExample } from './templates/env-example.js';
import { gitignore } from './templates/gitignore.js';
import { packageJson } from './templates/package-json.js';
import { readmeMd } from './templates/readme-md.js';
import { taskTestTs } from './templates/task-test-ts.js';
import { taskTs } from './templates/task-ts.js';
import { tsconfigJson } from './templates/tsconfig-json.js';

/** One file of a new project: its path relative to the project folder, and its text. */
export interface ProjectFile {
  path: string;
  content: string;
}

/** The files of a new Assay project named `name`, depending on the @assay packages at `versions`. */
export function projectFiles(options: { name: string; versions: AssayVersions }): ProjectFile[] {
  return [
    { path: 'package.json', content: packageJson(options) },
    { path: 'tsconfig.json', content: tsconfigJson() },
    { path: 'src/task.ts', content: taskTs() },
    { path: 'src/task.test.ts', content: taskTestTs() },
    { path: '.env.example', content: envExample() },
    { path: '.gitignore', content: gitignore() },
    { path: 'README.md', content: readmeMd(options) },
  ];
}
