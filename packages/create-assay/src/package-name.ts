/** An npm package name made from a folder name: lower case, characters npm refuses replaced by `-`. */
export function packageName(options: { folderName: string }): string {
  const name = options.folderName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '');
  return name === '' ? 'assay-evals' : name;
}
