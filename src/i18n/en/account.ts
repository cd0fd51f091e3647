/** The mail the service sends a user about their own account (the password reset link). */
export const account = {
  resetSubject: 'Reset your Mailbeacon password',
  greeting: (name: string): string => `Hello ${name},`,
  resetIntro:
    'Someone, hopefully you, asked to reset the password of your Mailbeacon account. To choose a new password, open this link within an hour:',
  resetButton: 'Choose a new password',
  resetIgnore:
    'If you did not ask for this, ignore this email: your password stays as it is. The link works once.',
};

export type AccountWording = typeof account;
