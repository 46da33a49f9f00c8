// Worker-thread entry: registers tsx's loader in this thread, as bin/exemptions.js does for the main one.
import { register } from 'tsx/esm/api';

register();
await import('./evaluation.ts');
