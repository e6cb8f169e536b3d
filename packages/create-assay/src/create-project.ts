import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assayVersions, type AssayVersions } from './assay-versions.js';
import { CreateAssayError } from './create-assay-error.js';
import { packageName } from './package-name.js';
import { projectFiles } from './project-files.js';

/** What {@link createProject} made. */
export interface CreatedProject {
  /** The absolute path of the project folder. */
  directory: string;
  /** The package name written to its package.json. */
  name: string;
  /** The files written, relative to `directory`. */
  files: string[];
}

async function assertEmptyOrMissing(directory: string): Promise<void> {
  const stats = await stat(directory).catch(() => undefined);
  if (stats === undefined) return;
  if (!stats.isDirectory()) {
    throw new CreateAssayError({
      code: 'not_a_directory',
      message: `${directory} exists and is not a folder; choose another project name.`,
    });
  }
  const entries = await readdir(directory);
  if (entries.length > 0) {
    throw new CreateAssayError({
      code: 'directory_not_empty',
      message: `${directory} is not empty (it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}); create-assay never overwrites files. Choose a new folder name, or empty this one.`,
    });
  }
}

/**
 * Writes a new Assay eval project into `directory` (created if missing; an existing folder must be empty).
 * @example await createProject({ directory: 'my-evals' });
 */
export async function createProject(options: {
  /** The project folder, absolute or relative to the working directory. */
  directory: string;
  /** The package name. @default the folder's name, made a valid npm name */
  name?: string;
  /** The @assay versions to depend on. @default those released with this create-assay */
  versions?: AssayVersions;
}): Promise<CreatedProject> {
  const directory = path.resolve(options.directory);
  await assertEmptyOrMissing(directory);
  const name = options.name ?? packageName({ folderName: path.basename(directory) });
  const files = projectFiles({ name, versions: options.versions ?? assayVersions() });
  for (const file of files) {
    const target = path.join(directory, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    // 'wx': a file that appeared since the check is never overwritten.
    await writeFile(target, file.content, { flag: 'wx' });
  }
  return { directory, name, files: files.map((file) => file.path) };
}
