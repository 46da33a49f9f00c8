/**
 * `npm run tools [tool...]`: installs (when needed) and prints the path of each pinned tool. The finding
 * and installing live in `scripts/core/toolchain.ts`, because the audit also compiles older policies.
 */
import { resolveTool, type ToolName, ToolUnavailableError, toolNames } from '../core/toolchain.ts';

const wanted = process.argv.slice(2);
const names = (wanted.length > 0 ? wanted : ['opa']) as ToolName[];
try {
  for (const name of names) {
    if (!(toolNames as readonly string[]).includes(name))
      throw new ToolUnavailableError(`unknown tool: ${name}`);
    console.log(`${name}\t${resolveTool(name)}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof ToolUnavailableError ? 2 : 1);
}
