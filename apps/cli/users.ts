// `katabox user ...`: interviewer and admin accounts, managed on the server's own database (file or URL).
// Passwords come on stdin (or from a prompt that does not echo), never as an argument, so they
// stay out of shell history and process listings.
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../server/accounts/passwords.js';
import { EmailTakenError, type Role } from '../server/accounts/store.js';
import { openStore } from '../server/storage/open.js';
import { UsageError } from './usage-error.js';

export const userUsage = `  user add --email E --role admin|interviewer [--db FILE|URL]
                                        add an account; the password is read from stdin
  user list [--db FILE|URL]             the accounts
  user passwd --email E [--db FILE|URL] set a new password (read from stdin); sessions end
  user disable --email E [--db FILE|URL]
                                        disable an account and end its sessions
  user enable --email E [--db FILE|URL] let a disabled account sign in again`;

/** Reads the password: typed without echo on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  // Echo goes off before the prompt shows, so nothing typed (or pasted) at once is echoed.
  stdin.setRawMode(true);
  process.stderr.write('Password: ');
  stdin.setEncoding('utf8');
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = '';
      const onData = (chars: string) => {
        for (const char of chars) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(typed);
          }
          if (char === '\u0003') {
            stdin.off('data', onData);
            return reject(new UsageError('cancelled'));
          }
          typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

async function newPasswordHash(): Promise<string> {
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return hashPassword(password);
}

export async function user(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, role: { type: 'string' }, db: { type: 'string' } } });
  const email = values.email?.trim();
  const needEmail = () => {
    if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`user ${action} takes --email with an email address`);
    return email;
  };
  if (action === 'add' && values.role !== 'admin' && values.role !== 'interviewer') throw new UsageError('user add takes --role admin or --role interviewer');
  if (!['add', 'list', 'passwd', 'disable', 'enable'].includes(action ?? '')) throw new UsageError(`user takes add, list, passwd, disable or enable, not "${action ?? ''}"`);
  if (action !== 'list') needEmail();
  const passwordHash = action === 'add' || action === 'passwd' ? await newPasswordHash() : undefined;

  const store = await openStore(values.db ?? process.env.KATABOX_DB ?? 'katabox.db');
  const accounts = store.accounts;
  try {
    if (action === 'list') {
      for (const a of await accounts.listAccounts()) console.log(`${a.email}\t${a.role}\t${a.disabled ? 'disabled' : 'active'}\t${a.createdAt}`);
      return 0;
    }
    if (action === 'add') {
      try {
        const account = await accounts.addAccount(email!, values.role as Role, passwordHash!);
        console.log(`added ${account.role} ${account.email}`);
        return 0;
      } catch (err) {
        if (!(err instanceof EmailTakenError)) throw err;
        console.error(`katabox: ${err.message}`);
        return 1;
      }
    }
    const found = await accounts.findAccount(email!);
    if (!found) {
      console.error(`katabox: there is no account ${email}`);
      return 1;
    }
    if (action === 'passwd') {
      await accounts.setPassword(found.account.id, passwordHash!);
      console.log(`new password set for ${found.account.email}; its sessions have ended`);
    } else if (action === 'enable') {
      await accounts.enableAccount(found.account.id);
      console.log(`enabled ${found.account.email}; it can sign in again`);
    } else {
      await accounts.disableAccount(found.account.id);
      console.log(`disabled ${found.account.email}; its sessions have ended`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
