import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export type SaleCreditedProps = {
  creatorName: string;
  brandName: string;
  orderName: string;
  commission: string;
  orderAmount: string;
  awaitingPayment: boolean;
  earningsUrl: string;
  unsubscribeUrl: string;
};

/** To a creator: a sale with their code or link was credited to them. */
export function SaleCreditedEmail(p: SaleCreditedProps) {
  return (
    <EmailLayout preview={`${p.commission} commission on ${p.brandName} order ${p.orderName}`} brandName={p.brandName} unsubscribe={{ url: p.unsubscribeUrl, what: "new sales" }}>
      <Heading as="h1" style={{ fontSize: 20, margin: "0 0 12px" }}>
        You made a sale for {p.brandName}
      </Heading>
      <Text>Hi {p.creatorName},</Text>
      <Text>
        Order {p.orderName} ({p.orderAmount}) was credited to you: {p.commission} commission.
        {p.awaitingPayment ? " The customer has not paid yet: it counts once they do." : " It is held for the brand's return window, then paid out."}
      </Text>
      <Button href={p.earningsUrl} style={{ backgroundColor: "#7c3aed", color: "#ffffff", padding: "10px 16px", borderRadius: 6, fontSize: 14 }}>
        See your earnings
      </Button>
    </EmailLayout>
  );
}
