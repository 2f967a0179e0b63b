import { Button, Heading, Text } from "@react-email/components";
import { EmailLayout } from "./layout";

export type NoticeProps = {
  preview: string;
  /** Whose email it is (the sender name, and "Sent by Tally for …" in the footer). */
  brandName: string;
  heading: string;
  greeting?: string;
  paragraphs: string[];
  button?: { href: string; label: string };
  unsubscribe?: { url: string; what: string };
};

/** Every notification's body: a heading, a few sentences, one button. Each kind fills in its own words (lib/email/notifications.ts). */
export function NoticeEmail(p: NoticeProps) {
  return (
    <EmailLayout preview={p.preview} brandName={p.brandName} unsubscribe={p.unsubscribe}>
      <Heading as="h1" style={{ fontSize: 20, margin: "0 0 12px" }}>
        {p.heading}
      </Heading>
      {p.greeting ? <Text>{p.greeting}</Text> : null}
      {p.paragraphs.map((text, i) => (
        <Text key={i}>{text}</Text>
      ))}
      {p.button ? (
        <Button href={p.button.href} style={{ backgroundColor: "#7c3aed", color: "#ffffff", padding: "10px 16px", borderRadius: 6, fontSize: 14 }}>
          {p.button.label}
        </Button>
      ) : null}
    </EmailLayout>
  );
}
