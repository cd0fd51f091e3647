import type { AccountWording } from '../en/account.js';

export const account: AccountWording = {
  resetSubject: 'Reimposta la password di Mailbeacon',
  greeting: (name) => `Ciao ${name},`,
  resetIntro:
    "Qualcuno, speriamo tu, ha chiesto di reimpostare la password del tuo account Mailbeacon. Per sceglierne una nuova, apri questo link entro un'ora:",
  resetButton: 'Scegli una nuova password',
  resetIgnore:
    'Se non sei stato tu, ignora questa email: la password resta quella di prima. Il link funziona una volta sola.',
};
