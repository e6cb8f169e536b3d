/** The package manager that ran create-assay, from the `npm_config_user_agent` it sets (`pnpm/10.3.0 npm/? node/…`). */
export function packageManager(options: { userAgent: string | undefined }): 'npm' | 'pnpm' | 'yarn' | 'bun' {
  const name = options.userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}
