// Every fault AWS can put between a call and its answer, met in-process by the SDK retry mechanism
// exactly as the program configures it (createClients: five attempts, each retry told), through
// the program's own write functions. Only the backoff between attempts is zero, and the clients
// that meet a stall give up on a call after 2 s, so nothing here waits out the SDK's backoff. faults.test.ts runs the built CLI through one fault per write.
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { DeleteBudgetCommand, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { GetUserCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { putSecurityContact } from '../../src/aws/account-writes.js';
import { describeAwsError } from '../../src/aws/aws-error.js';
import { BUDGET_NAME, ensureBudget } from '../../src/aws/budget-writes.js';
import { createUser, type Writer } from '../../src/aws/iam-writes.js';
import { FAULTS, type Fault } from '../support/account-proxy.js';
import { FakeClock } from '../support/fake-clock.js';
import { retryingClients, startTestAccount, type TestAccount } from '../support/test-account.js';

/** The retry notice's reason for each fault: what the person reads while the run tries again. */
const REASON: Record<Fault, string> = {
  throttling: 'AWS is throttling requests',
  'http-500': 'AWS answered HTTP 500',
  'http-503': 'AWS answered HTTP 503',
  reset: 'AWS did not answer in time or the connection dropped',
  stall: 'AWS did not answer in time or the connection dropped',
  malformed: "AWS's answer arrived cut off or garbled",
};

/** The final line when the retries did not get through. */
const GAVE_UP: Record<Fault, RegExp> = {
  throttling: /^iam:CreateUser failed: AWS is throttling requests and retries did not get through\. Try again in a minute\.$/,
  'http-500': /^iam:CreateUser failed: AWS had a problem on its side \(HTTP 500\), and retries did not help\./,
  'http-503': /^iam:CreateUser failed: AWS had a problem on its side \(HTTP 503\), and retries did not help\./,
  reset: /^iam:CreateUser failed: AWS could not be reached \(\w+\)\. Check the network and try again\.$/,
  stall: /^iam:CreateUser failed: AWS could not be reached \(\w+\)\. Check the network and try again\.$/,
  // The first attempt made the user: the second is refused as a duplicate, in an answer cut in half too.
  malformed: /^iam:CreateUser failed: /,
};

const notices: string[] = [];
let account: TestAccount;
let writer: Writer;

beforeAll(async () => {
  account = await startTestAccount();
}, 60_000);
afterAll(() => account?.close());

/** Fresh clients for each test (support/test-account.ts); no moto reset: each test uses its own names. */
async function useClients(fault: Fault) {
  notices.length = 0;
  account.proxy.resetCounts();
  account.proxy.clearFailures();
  writer = { aws: await retryingClients(notices, { stall: fault === 'stall' }), clock: new FakeClock(), signal: new AbortController().signal };
}

const retryNotice = (permission: string, fault: Fault, attempt: number) => `${permission}: ${REASON[fault]}; trying again (attempt ${attempt} of 5)`;
const userExists = (name: string) => account.aws.iam.send(new GetUserCommand({ UserName: name })).then(() => true, () => false);

describe.each(FAULTS)('%s', (fault) => {
  beforeEach(() => useClients(fault));

  it('once, on an IAM write (query protocol): the second attempt gets through, the person is told why, the user is made once', async () => {
    const name = `once-${fault}`;
    account.proxy.injectFault('iam:CreateUser', fault, 1);
    // A garbled answer hides that the user was made; the retry finds it there, and that is success too.
    await expect(createUser(writer, name)).resolves.toBe(fault !== 'malformed');
    expect(account.proxy.count('iam:CreateUser')).toBe(2);
    expect(notices).toEqual([retryNotice('iam:CreateUser', fault, 2)]);
    expect(await userExists(name)).toBe(true);
  });

  it('for good, on an IAM write: the call gives up with one line naming the permission, after the retries it told of', async () => {
    const name = `for-good-${fault}`;
    account.proxy.injectFault('iam:CreateUser', fault, Infinity);
    const error = await createUser(writer, name).then(
      () => expect.unreachable('the write got through'),
      (e: unknown) => e,
    );
    const line = describeAwsError(error);
    expect(line).toMatch(GAVE_UP[fault]);
    expect(line).not.toContain('\n');
    // A duplicate is no fault to retry: after a garbled answer, the second attempt is the last.
    const attempts = fault === 'malformed' ? 2 : 5;
    expect(account.proxy.count('iam:CreateUser')).toBe(attempts);
    expect(notices).toEqual(Array.from({ length: attempts - 1 }, (_, i) => retryNotice('iam:CreateUser', fault, i + 2)));
  });

  it('once, on a Budgets write (JSON protocol): the budget is made once, with its alerts', async () => {
    account.proxy.injectFault('budgets:CreateBudget', fault, 1);
    await ensureBudget(writer, { accountId: '123456789012', amount: '20', email: 'billing@example.com' });
    expect(notices).toEqual([retryNotice('budgets:ModifyBudget', fault, 2)]);
    const budgets = (await account.aws.budgets.send(new DescribeBudgetsCommand({ AccountId: '123456789012' }))).Budgets ?? [];
    expect(budgets.map((b) => b.BudgetName)).toEqual([BUDGET_NAME]);
    await account.aws.budgets.send(new DeleteBudgetCommand({ AccountId: '123456789012', BudgetName: BUDGET_NAME })); // the next test makes it again
  });
});

// PutAlternateContact answers with no body, so there is nothing to garble.
describe.each(FAULTS.filter((f) => f !== 'malformed'))('%s', (fault) => {
  beforeEach(() => useClients(fault));

  it('once, on an Account API write (REST-JSON): the contact is set', async () => {
    account.proxy.injectFault('account:PutAlternateContact', fault, 1);
    await putSecurityContact(writer, { name: `Sec ${fault}`, email: 'sec@example.com', phone: '+1 555 0100' });
    expect(notices).toEqual([retryNotice('account:PutAlternateContact', fault, 2)]);
    const read = await account.aws.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
    expect(read.AlternateContact?.Name).toBe(`Sec ${fault}`);
  });
});
