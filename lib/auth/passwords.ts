import bcrypt from "bcryptjs";

const COST = Number(process.env.TALLY_BCRYPT_COST ?? 11);

export { ZPassword } from "./schemas";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A real hash to compare against when the user does not exist, so timing does not reveal accounts. */
const DUMMY_HASH = bcrypt.hashSync("tally-dummy-password", COST);
export function burnPasswordCheck(password: string): Promise<boolean> {
  return bcrypt.compare(password, DUMMY_HASH);
}
