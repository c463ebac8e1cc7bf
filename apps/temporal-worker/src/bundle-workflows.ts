import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Builds the workflow bundle once, ahead of time, so workers start fast and the bundler never
 * has to understand the workspace's path aliases at run time.
 */
export async function buildWorkflowBundle(outputPath: string, workspaceRoot: string) {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(workspaceRoot, 'libs/workflows/src/workflows.ts'),
    webpackConfigHook: (config) => {
      config.resolve = {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string>),
          '@sluice/shared': resolve(workspaceRoot, 'libs/shared/src/index.ts'),
        },
      };
      return config;
    },
  });
  await writeFile(outputPath, code);
}

if (require.main === module) {
  const [outputPath = 'dist/workflow-bundle.js'] = process.argv.slice(2);
  buildWorkflowBundle(resolve(outputPath), process.cwd()).catch((error: unknown) => {
    process.stderr.write(`Workflow bundle failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
