import { sendEmail } from "./send-email";

/** Every Inngest function Tally serves at /api/inngest. */
export const functions = [sendEmail];
