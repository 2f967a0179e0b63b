import { RANDOM_PART_LENGTH } from "./constants";

/** Returns `length` random characters from A–Z and 0–9. Injected so tests are deterministic. */
export type RandomSource = (length: number) => string;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/** The largest multiple of 36 below 256: bytes from here up are rejected so every character is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/** Cryptographically random characters (Web Crypto: Node ≥ 20 and browsers). */
export const cryptoRandom: RandomSource = (length) => {
  let characters = "";
  const bytes = new Uint8Array(Math.max(length * 2, 8));
  while (characters.length < length) {
    globalThis.crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      if (byte < UNBIASED_LIMIT && characters.length < length) characters += ALPHABET.charAt(byte % ALPHABET.length);
    }
  }
  return characters;
};

/** A deterministic source for tests: answers the given chunks in turn, starting over after the last. */
export function sequenceRandom(...chunks: [string, ...string[]]): RandomSource {
  let next = 0;
  return () => chunks[next++ % chunks.length] as string;
}

/** Draws random characters and checks the source kept its contract. */
export function drawRandom(random: RandomSource, length = RANDOM_PART_LENGTH): string {
  const characters = random(length);
  if (characters.length !== length || !/^[A-Z0-9]*$/.test(characters)) {
    throw new Error(`The random source returned ${JSON.stringify(characters)}; expected ${length} characters from A–Z and 0–9.`);
  }
  return characters;
}
