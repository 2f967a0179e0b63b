import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/**
 * The frame of every notification (React Email: table-based HTML that mail clients render, and a
 * plain-text alternative rendered from the same tree): the preview line, the content, and a footer
 * that says who sent it and, for kinds one can turn off, the unsubscribe link.
 */
export function EmailLayout({ preview, brandName, children, unsubscribe }: { preview: string; brandName: string; children: ReactNode; unsubscribe?: { url: string; what: string } }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f8fafc", fontFamily: "Helvetica, Arial, sans-serif", color: "#0f172a" }}>
        <Container style={{ maxWidth: 560, margin: "0 auto", padding: "24px", backgroundColor: "#ffffff" }}>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, color: "#64748b", margin: 0 }}>
            Sent by Tally for {brandName}.
            {unsubscribe ? (
              <>
                {" "}
                Don&apos;t want emails about {unsubscribe.what}? <Link href={unsubscribe.url}>Unsubscribe</Link>.
              </>
            ) : null}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
