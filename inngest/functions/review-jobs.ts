import { conversionReviewJob } from "@/lib/reviews/conversion-review-job";
import { createJobFunction } from "../create-job-function";

export const conversionReview = createJobFunction(conversionReviewJob);
