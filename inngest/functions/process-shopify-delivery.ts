import { processShopifyDeliveryJob } from "@/lib/webhooks/process-shopify-delivery-job";
import { createJobFunction } from "../create-job-function";

export const processShopifyDelivery = createJobFunction(processShopifyDeliveryJob);
