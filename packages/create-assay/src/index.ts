export type { AssayVersions } from './assay-versions.js';
export { CreateAssayError, type CreateAssayErrorCode } from './create-assay-error.js';
export { createProject, type CreatedProject } from './create-project.js';
export { projectFiles, type ProjectFile } from './project-files.js';
export { defaultDirectory, runCreateAssay } from './run-create-assay.js';
