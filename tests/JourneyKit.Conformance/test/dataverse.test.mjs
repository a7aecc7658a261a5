// A well-known Dataverse Web API client (dynamics-web-api) against JourneyKit.Testing's Dataverse emulator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DynamicsWebApi } from 'dynamics-web-api';
import { startEmulators } from './emulators.mjs';

let emulators;
let dataverse;
let sample;

before(async () => {
  emulators = await startEmulators();
  sample = emulators.sample;
  dataverse = new DynamicsWebApi({
    serverUrl: emulators.dataverse.serverUrl,
    dataApi: { version: '9.2' },
    onTokenRefresh: async () => emulators.dataverse.accessToken,
  });
});

after(async () => { await emulators?.stop(); });

async function refused(call) {
  try {
    await call();
  } catch (e) {
    return e;
  }
  assert.fail('the call was expected to fail');
}

describe('functions and counts', () => {
  test('WhoAmI', async () => {
    const me = await dataverse.callFunction('WhoAmI');
    assert.equal(me.UserId, emulators.dataverse.userId);
    assert.match(me.BusinessUnitId, /^[0-9a-f-]{36}$/);
    assert.match(me.OrganizationId, /^[0-9a-f-]{36}$/);
  });

  test('/$count, with and without a filter', async () => {
    assert.equal(await dataverse.count({ collection: 'contacts' }), sample.contactCount);
    assert.equal(await dataverse.count({ collection: 'contacts', filter: 'gendercode eq 2' }), sample.femaleContacts);
  });

  test('$count=true across pages', async () => {
    assert.equal(await dataverse.countAll({ collection: 'contacts', select: ['contactid'] }), sample.contactCount);
  });
});

describe('queries', () => {
  test('a selected empty column comes back as an explicit null; FetchXML leaves it out', async () => {
    await dataverse.update({ collection: 'contacts', key: sample.contactGuid, data: { jobtitle: null } });

    const odata = await dataverse.retrieveMultiple({ collection: 'contacts', select: ['jobtitle', 'fullname'], filter: `contactid eq ${sample.contactGuid}` });
    assert.equal(odata.value.length, 1);
    assert.ok(Object.hasOwn(odata.value[0], 'jobtitle'), 'the selected column is there');
    assert.equal(odata.value[0].jobtitle, null);

    const fetchXml = `<fetch><entity name="contact"><attribute name="jobtitle"/><attribute name="fullname"/><filter><condition attribute="contactid" operator="eq" value="${sample.contactGuid}"/></filter></entity></fetch>`;
    const fetched = await dataverse.fetch({ collection: 'contacts', fetchXml });
    assert.equal(fetched.value.length, 1);
    assert.ok(!Object.hasOwn(fetched.value[0], 'jobtitle'), 'FetchXML omits empty columns');
    assert.ok(fetched.value[0].fullname);
  });

  test('a page size above the maximum is ignored: pages of the maximum, every row once', async () => {
    const max = emulators.dataverse.maxPageSize;
    const honoured = await dataverse.retrieveMultiple({ collection: 'contacts', select: ['contactid'], maxPageSize: max / 2 });
    assert.equal(honoured.value.length, max / 2);

    const above = await dataverse.retrieveMultiple({ collection: 'contacts', select: ['contactid'], maxPageSize: max + 1 });
    assert.equal(above.value.length, max, 'not max + 1');
    assert.ok(above.oDataNextLink);

    const all = await dataverse.retrieveAll({ collection: 'contacts', select: ['contactid'], maxPageSize: max * 10 });
    assert.equal(new Set(all.value.map((c) => c.contactid)).size, sample.contactCount);
  });
});

/** A new, empty static marketing list of contacts. */
async function newList(name) {
  return dataverse.create({ collection: 'lists', data: { listname: name, type: false, createdfromcode: 2 } });
}

async function members(listId) {
  const page = await dataverse.retrieve({ collection: 'lists', key: listId, navigationProperty: 'listcontact_association', select: ['contactid'] });
  return page.value.map((c) => c.contactid);
}

describe('associations through $ref', () => {
  test('associate and disassociate a contact with a static marketing list', async () => {
    const listId = await newList('Conformance list');
    assert.deepEqual(await members(listId), []);

    await dataverse.associate({ collection: 'lists', primaryKey: listId, relationshipName: 'listcontact_association', relatedCollection: 'contacts', relatedKey: sample.contactOutsideList });
    assert.deepEqual(await members(listId), [sample.contactOutsideList]);

    await dataverse.disassociate({ collection: 'lists', primaryKey: listId, relationshipName: 'listcontact_association', relatedKey: sample.contactOutsideList });
    assert.deepEqual(await members(listId), []);
  });

  test('associate and disassociate a single-valued navigation (a contact\'s account)', async () => {
    await dataverse.associateSingleValued({ collection: 'contacts', primaryKey: sample.contactGuid, navigationProperty: 'parentcustomerid_account', relatedCollection: 'accounts', relatedKey: sample.accountGuid });
    const linked = await dataverse.retrieve({ collection: 'contacts', key: sample.contactGuid, select: ['_parentcustomerid_value'] });
    assert.equal(linked._parentcustomerid_value, sample.accountGuid);

    await dataverse.disassociateSingleValued({ collection: 'contacts', primaryKey: sample.contactGuid, navigationProperty: 'parentcustomerid_account' });
    const unlinked = await dataverse.retrieve({ collection: 'contacts', key: sample.contactGuid, select: ['_parentcustomerid_value'] });
    assert.equal(unlinked._parentcustomerid_value, null);
  });
});

describe('$batch', () => {
  test('a changeset whose second request names the first one\'s record by Content-ID ($1)', async () => {
    dataverse.startBatch();
    dataverse.create({ collection: 'accounts', data: { name: 'Conformance account' }, contentId: '1' });
    dataverse.create({ collection: 'contacts', data: { lastname: 'Conformance', 'parentcustomerid_account@odata.bind': '$1' }, contentId: '2' });
    const [accountId, contactId] = await dataverse.executeBatch();
    assert.match(accountId, /^[0-9a-f-]{36}$/);
    assert.match(contactId, /^[0-9a-f-]{36}$/);

    const contact = await dataverse.retrieve({ collection: 'contacts', key: contactId, select: ['lastname', '_parentcustomerid_value'] });
    assert.equal(contact.lastname, 'Conformance');
    assert.equal(contact._parentcustomerid_value, accountId);
  });

  test('associating through $ref with a Content-ID inside a changeset', async () => {
    const listId = await newList('Conformance batch list');
    dataverse.startBatch();
    dataverse.create({ collection: 'contacts', data: { lastname: 'Listed' }, contentId: '1' });
    dataverse.associate({ collection: 'lists', primaryKey: listId, relationshipName: 'listcontact_association', relatedKey: '$1' });
    const [contactId] = await dataverse.executeBatch();

    assert.deepEqual(await members(listId), [contactId]);
  });

  test('a failed changeset rolls back and reports Dataverse\'s error', async () => {
    const before = await dataverse.count({ collection: 'accounts' });
    dataverse.startBatch();
    dataverse.create({ collection: 'accounts', data: { name: 'Rolled back' } });
    dataverse.update({ collection: 'contacts', key: '00000000-0000-4000-8000-000000000404', data: { jobtitle: 'x' }, ifmatch: '*' });
    const e = await refused(() => dataverse.executeBatch());

    const errors = Array.isArray(e) ? e : [e];
    assert.ok(errors.some((x) => x.status === 404), JSON.stringify(errors));
    assert.ok(errors.some((x) => /Do Not Exist/.test(x.error?.message ?? x.message ?? '')), JSON.stringify(errors));
    assert.equal(await dataverse.count({ collection: 'accounts' }), before, 'nothing of the changeset was written');
  });
});

describe('errors', () => {
  test('a value of the wrong type, or an option outside the option set, is a 400 with Dataverse\'s error body', async () => {
    const text = await refused(() => dataverse.update({ collection: 'contacts', key: sample.contactGuid, data: { gendercode: 'female' } }));
    assert.equal(text.status, 400);
    assert.match(text.message, /Cannot convert the literal 'female' to the expected type 'Edm.Int32'/);

    const outside = await refused(() => dataverse.update({ collection: 'contacts', key: sample.contactGuid, data: { gendercode: 99 } }));
    assert.equal(outside.status, 400);
    assert.match(outside.message, /outside the valid range/);
  });

  test('a record that does not exist is a 404 with Dataverse\'s error body', async () => {
    const e = await refused(() => dataverse.retrieve({ collection: 'contacts', key: '00000000-0000-4000-8000-000000000404', select: ['fullname'] }));
    assert.equal(e.status, 404);
    assert.equal(e.code, '0x80040217');
    assert.match(e.message, /Do Not Exist/);
  });
});
