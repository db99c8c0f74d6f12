/** The content of an email; the recipient is added per notification. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}
