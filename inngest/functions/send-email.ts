import { sendEmailJob } from "@/lib/email/send-email-job";
import { createJobFunction } from "../create-job-function";

export const sendEmail = createJobFunction(sendEmailJob);
