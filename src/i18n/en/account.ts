/** The mail the service sends about an account: the password reset link, an invitation. */
export const account = {
  resetSubject: 'Reset your Mailbeacon password',
  greeting: (name: string): string => `Hello ${name},`,
  resetIntro:
    'Someone, hopefully you, asked to reset the password of your Mailbeacon account. To choose a new password, open this link within an hour:',
  resetButton: 'Choose a new password',
  resetIgnore:
    'If you did not ask for this, ignore this email: your password stays as it is. The link works once.',
  inviteSubject: (inviter: string, workspace: string): string =>
    `${inviter} invited you to ${workspace} on Mailbeacon`,
  inviteGreeting: 'Hello,',
  inviteIntro: (inviter: string, workspace: string): string =>
    `${inviter} invited you to join the workspace ${workspace} on Mailbeacon, where the team sends mail and sees who read it. To create your account, open this link:`,
  inviteButton: 'Join the workspace',
  inviteExpires: (date: string): string =>
    `The link works once, until ${date}. If you did not expect it, ignore this email.`,
};

export type AccountWording = typeof account;
