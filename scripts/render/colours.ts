/**
 * Colour for a terminal, decided once per run: on only when stdout is a terminal, `NO_COLOR` is unset
 * (https://no-color.org) and `--no-color` was not given. Renderers take the colours as an argument, so a
 * pipe, a file or a test gets the same words without escape codes.
 */
import pc from 'picocolors';

export type Colours = ReturnType<typeof pc.createColors>;

export const plainColours: Colours = pc.createColors(false);

export function terminalColours(options: {
  terminal: boolean;
  env: Readonly<Record<string, string | undefined>>;
  noColour: boolean;
}): Colours {
  const wanted = options.terminal && !options.noColour && !options.env.NO_COLOR;
  return wanted ? pc.createColors(true) : plainColours;
}
