/** The error a function or promise throws, so a test can assert on its fields; fails if nothing is thrown. */
export async function thrown(action: (() => unknown) | Promise<unknown>): Promise<unknown> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but none was thrown');
}
