/** The new project's README.md: what is in it and how to run it. */
export function readmeMd(options: { name: string }): string {
  return `# ${options.name}

Evals written with [Assay](https://github.com/assay-evals/assay), a TypeScript port of UK AISI's Inspect.

- \`src/task.ts\`: the \`capitals\` task: a dataset of questions, \`generate()\` to ask the model, \`includes()\` to score.
- \`src/task.test.ts\`: the task run on \`mockllm/model\`, a built-in mock model that needs no API key.

\`\`\`sh
npm install
npm test                 # the task's test, on the mock model
npm run eval             # assay eval src/task.ts --model mockllm/model; the log goes to ./logs
npm run typecheck
\`\`\`

Against a real model, put its key in \`.env\` (see \`.env.example\`) and name it as \`provider/model\`:

\`\`\`sh
npx assay eval src/task.ts --model openai/gpt-4o-mini
npx assay view           # browse the logs in ./logs
npx assay --help
\`\`\`
`;
}
