/** The new project's .gitignore: dependencies, eval logs and the secrets file. */
export function gitignore(): string {
  return `node_modules/
logs/
.env
`;
}
