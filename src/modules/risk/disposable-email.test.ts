import { test } from 'node:test';
import assert from 'node:assert/strict';
import { disposableDomain } from './disposable-email.ts';

test('throwaway mailboxes are named, their subdomains too; ordinary ones are not', () => {
  assert.equal(disposableDomain('x@mailinator.com'), 'mailinator.com');
  assert.equal(disposableDomain('X@Inbox.Mailinator.COM'), 'mailinator.com');
  assert.equal(disposableDomain('a@yopmail.fr'), 'yopmail.fr');
  assert.equal(disposableDomain('sara@gmail.com'), null);
  assert.equal(disposableDomain('someone@notmailinator.com'), null, 'only whole domain labels match');
  assert.equal(disposableDomain(null), null);
  assert.equal(disposableDomain('no-at-sign'), null);
});
