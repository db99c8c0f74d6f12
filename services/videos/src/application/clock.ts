/** The time source of the use cases, so tests can pin it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
