/**
 * The questions `new` asks in a terminal. Commands ask through `Prompter`, so that a test can answer
 * them; the terminal's prompter is `@clack/prompts`, loaded only when a question is asked.
 */
import type { Readable, Writable } from 'node:stream';

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** Every question resolves to the answer, or to undefined when the person cancelled (Ctrl-C, Escape). */
export interface Prompter {
  /** One of a few choices. */
  select(message: string, choices: readonly Choice[]): Promise<string | undefined>;
  /** One of many choices, found by typing part of its label. */
  search(message: string, choices: readonly Choice[], placeholder: string): Promise<string | undefined>;
  /** One or more of a few choices. */
  selectSome(message: string, choices: readonly Choice[]): Promise<string[] | undefined>;
  /** A line of text, checked by `invalid` (the reason it is not accepted, or undefined). */
  text(
    message: string,
    initial: string,
    invalid: (value: string) => string | undefined,
  ): Promise<string | undefined>;
  /** A line of information between the questions. */
  note(message: string): Promise<void>;
}

/** The terminal's prompter, on the given streams. */
export function terminalPrompter(input: Readable, output: Writable): Prompter {
  let loaded: Promise<typeof import('@clack/prompts')> | undefined;
  const clack = () => {
    loaded ??= import('@clack/prompts');
    return loaded;
  };
  // clack answers a cancelled question with its cancel symbol; no answer is a symbol otherwise.
  const answered = async <T>(answer: Promise<T | symbol>): Promise<T | undefined> => {
    const value = await answer;
    return typeof value === 'symbol' ? undefined : value;
  };
  const streams = { input, output };
  const options = (choices: readonly Choice[]) =>
    choices.map((c) => ({ value: c.value, label: c.label, ...(c.hint ? { hint: c.hint } : {}) }));
  return {
    async select(message, choices) {
      const { select } = await clack();
      return answered<string>(select({ ...streams, message, options: options(choices) }));
    },
    async search(message, choices, placeholder) {
      const { autocomplete } = await clack();
      return answered<string>(
        autocomplete({ ...streams, message, placeholder, maxItems: 8, options: options(choices) }),
      );
    },
    async selectSome(message, choices) {
      const { multiselect } = await clack();
      return answered<string[]>(
        multiselect({ ...streams, message, required: true, options: options(choices) }),
      );
    },
    async text(message, initial, invalid) {
      const { text } = await clack();
      return answered<string>(
        text({ ...streams, message, initialValue: initial, validate: (value) => invalid(value ?? '') }),
      );
    },
    async note(message) {
      (await clack()).log.info(message, { output });
    },
  };
}
