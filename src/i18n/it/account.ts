import type { AccountWording } from '../en/account.js';

export const account: AccountWording = {
  resetSubject: 'Reimposta la password di Mailbeacon',
  greeting: (name) => `Ciao ${name},`,
  resetIntro:
    "Qualcuno, speriamo tu, ha chiesto di reimpostare la password del tuo account Mailbeacon. Per sceglierne una nuova, apri questo link entro un'ora:",
  resetButton: 'Scegli una nuova password',
  resetIgnore:
    'Se non sei stato tu, ignora questa email: la password resta quella di prima. Il link funziona una volta sola.',
  inviteSubject: (inviter, workspace) => `${inviter} ti ha invitato in ${workspace} su Mailbeacon`,
  inviteGreeting: 'Ciao,',
  inviteIntro: (inviter, workspace) =>
    `${inviter} ti ha invitato a entrare nello spazio di lavoro ${workspace} su Mailbeacon, dove il team invia la posta e vede chi l'ha letta. Per creare il tuo account, apri questo link:`,
  inviteButton: 'Entra nello spazio di lavoro',
  inviteExpires: (date) =>
    `Il link funziona una volta sola, fino al ${date}. Se non te lo aspettavi, ignora questa email.`,
};
