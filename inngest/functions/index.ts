import { processShopifyDelivery } from "./process-shopify-delivery";
import { sendEmail } from "./send-email";
import { sweepShopifyDeliveries } from "./sweep-shopify-deliveries";

/** Every Inngest function Tally serves at /api/inngest. */
export const functions = [sendEmail, processShopifyDelivery, sweepShopifyDeliveries];
