// HubSpot's own Node client (@hubspot/api-client) against JourneyKit.Testing's HubSpot emulator.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { startEmulators } from './emulators.mjs';

const { Client } = createRequire(import.meta.url)('@hubspot/api-client');

let emulators;
let hubspot;
let sample;

before(async () => {
  emulators = await startEmulators();
  sample = emulators.sample;
  hubspot = new Client({ accessToken: emulators.hubspot.accessToken, basePath: emulators.hubspot.baseUrl, numberOfApiCallRetries: 0 });
});

after(async () => { await emulators?.stop(); });

/** Runs a call that must fail; returns the client's ApiException. */
async function refused(call) {
  try {
    await call();
  } catch (e) {
    return e;
  }
  assert.fail('the call was expected to fail');
}

describe('objects', () => {
  test('create one contact, read it back, then PATCH it', async () => {
    const email = `conformance.${Date.now()}@example.com`;
    const created = await hubspot.crm.contacts.basicApi.create({ properties: { email, firstname: 'Ada' }, associations: [] });
    assert.match(created.id, /^\d+$/);
    assert.equal(created.properties.email, email);

    const read = await hubspot.crm.contacts.basicApi.getById(created.id, ['email', 'firstname']);
    assert.equal(read.properties.firstname, 'Ada');

    const patched = await hubspot.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'CMO' } });
    assert.equal(patched.properties.jobtitle, 'CMO');
    const again = await hubspot.crm.contacts.basicApi.getById(created.id, ['jobtitle', 'email']);
    assert.equal(again.properties.jobtitle, 'CMO');
    assert.equal(again.properties.email, email, 'PATCH leaves the other properties alone');
  });

  test('create with an association to a deal', async () => {
    const created = await hubspot.crm.contacts.basicApi.create({
      properties: { email: `assoc.${Date.now()}@example.com` },
      associations: [{ to: { id: sample.dealId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 4 }] }],
    });
    const page = await hubspot.crm.associations.v4.basicApi.getPage('contacts', created.id, 'deals');
    assert.deepEqual(page.results.map((r) => String(r.toObjectId)), [sample.dealId]);
  });

  test('batch read by idProperty (email)', async () => {
    const response = await hubspot.crm.contacts.batchApi.read({ idProperty: 'email', inputs: [{ id: sample.contactEmail }], properties: ['email'], propertiesWithHistory: [] });
    assert.equal(response.results.length, 1);
    assert.equal(response.results[0].id, sample.contactId);
  });

  test('batch update with the same id twice is refused with 400', async () => {
    const e = await refused(() => hubspot.crm.contacts.batchApi.update({
      inputs: [{ id: sample.contactId, properties: { jobtitle: 'A' } }, { id: sample.contactId, properties: { jobtitle: 'B' } }],
    }));
    assert.equal(e.code, 400);
    assert.equal(e.body.category, 'VALIDATION_ERROR');
    assert.match(e.body.message, /Duplicate/);
  });

  test('a text value over 65,536 characters is refused with 400', async () => {
    const e = await refused(() => hubspot.crm.contacts.basicApi.update(sample.contactId, { properties: { jobtitle: 'x'.repeat(65_537) } }));
    assert.equal(e.code, 400);
    assert.equal(e.body.category, 'VALIDATION_ERROR');
    assert.equal(e.body.errors[0].code, 'INVALID_LENGTH');
    const exact = await hubspot.crm.contacts.basicApi.update(sample.contactId, { properties: { jobtitle: 'x'.repeat(65_536) } });
    assert.equal(exact.properties.jobtitle.length, 65_536, '65,536 characters are allowed');
  });

  test('a record that does not exist is a 404 with a JSON body', async () => {
    const e = await refused(() => hubspot.crm.contacts.basicApi.getById('999999999'));
    assert.equal(e.code, 404);
    assert.equal(e.body.category, 'OBJECT_NOT_FOUND');
  });
});

describe('properties', () => {
  test('a property group by name', async () => {
    const group = await hubspot.crm.properties.groupsApi.getByName('contacts', 'contactinformation');
    assert.equal(group.name, 'contactinformation');
    assert.equal(group.label, 'Contact information');
  });

  test('an enumeration property carries its option labels; records store the internal values', async () => {
    const industry = await hubspot.crm.properties.coreApi.getByName('contacts', 'industry');
    assert.equal(industry.type, 'enumeration');
    const software = industry.options.find((o) => o.value === 'COMPUTER_SOFTWARE');
    assert.equal(software?.label, 'Computer Software');
  });
});

describe('associations v4', () => {
  test('the associations of one record', async () => {
    const page = await hubspot.crm.associations.v4.basicApi.getPage('contacts', sample.dealContactId, 'deals');
    assert.ok(page.results.some((r) => String(r.toObjectId) === sample.dealId));
    assert.equal(page.results[0].associationTypes[0].typeId, 4);
  });

  test('a batch read with an input that has no associations answers 207 with a per-input error', async () => {
    const response = await hubspot.crm.associations.v4.batchApi.getPage('contacts', 'deals', {
      inputs: [{ id: sample.dealContactId }, { id: sample.contactWithoutDeals }],
    });
    assert.equal(response.results.length, 1);
    assert.equal(response.results[0]._from.id, sample.dealContactId);
    assert.equal(response.numErrors, 1);
    assert.deepEqual(response.errors[0].context.fromObjectId, [sample.contactWithoutDeals]);
  });
});

describe('pipelines', () => {
  test('the deal pipelines and their stages', async () => {
    const pipelines = await hubspot.crm.pipelines.pipelinesApi.getAll('deals');
    const sales = pipelines.results.find((p) => p.id === 'default');
    assert.ok(sales, 'the default pipeline');
    const stages = sales.stages.map((s) => s.id);
    assert.ok(stages.includes('closedwon') && stages.includes('closedlost'));
    const one = await hubspot.crm.pipelines.pipelinesApi.getById('deals', 'default');
    assert.equal(one.label, sales.label);
    const stagesOnly = await hubspot.crm.pipelines.pipelineStagesApi.getAll('deals', 'default');
    assert.deepEqual(stagesOnly.results.map((s) => s.id), stages);
  });
});

describe('lists', () => {
  test('memberships: ascending pages with the total, and a before cursor pages back in descending order', async () => {
    const first = await hubspot.crm.lists.membershipsApi.getPage(sample.listId, undefined, undefined, 5);
    assert.equal(first.total, sample.listSize);
    const ids = first.results.map((r) => Number(r.recordId));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'ascending by record id');
    assert.ok(first.paging?.next?.after);

    const second = await hubspot.crm.lists.membershipsApi.getPage(sample.listId, first.paging.next.after, undefined, 5);
    assert.ok(Number(second.results[0].recordId) > ids[4]);
    assert.ok(second.paging?.prev?.before, 'a page after the first says how to go back');

    const back = await hubspot.crm.lists.membershipsApi.getPage(sample.listId, undefined, second.paging.prev.before, 5);
    assert.deepEqual(back.results.map((r) => Number(r.recordId)), [...ids].reverse(), 'the records before the cursor, in descending order');
    assert.equal(back.total, sample.listSize);
  });
});

describe('errors', () => {
  test('every error answer has a JSON body and a Content-Type, also for a method a path does not take', async () => {
    const cases = [
      { method: 'PUT', path: `/crm/v3/objects/contacts/${sample.contactId}` },
      { method: 'GET', path: '/crm/v3/no-such-api' },
      { method: 'GET', path: '/crm/v3/objects/contacts/999999999' },
      { method: 'POST', path: '/crm/v3/objects/contacts/batch/read', body: { inputs: 'not an array' } },
      { method: 'POST', path: '/crm/v3/objects/contacts', body: { properties: {}, associations: [{ to: { id: sample.dealId }, types: [{ associationTypeId: 'four' }] }] } },
      { method: 'PATCH', path: `/crm/v3/objects/contacts/${sample.contactId}`, body: { properties: { no_such_property: 'x' } } },
    ];
    for (const c of cases) {
      const response = await hubspot.apiRequest({ method: c.method, path: c.path, body: c.body });
      assert.ok(response.status >= 400, `${c.method} ${c.path}: ${response.status}`);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `${c.method} ${c.path}`);
      const body = await response.json();
      assert.equal(typeof body.message, 'string', `${c.method} ${c.path}`);
      assert.equal(typeof body.category, 'string', `${c.method} ${c.path}`);
    }
  });

  test('a wrong token is a 401 the client can read', async () => {
    const stranger = new Client({ accessToken: 'not-a-real-token', basePath: emulators.hubspot.baseUrl, numberOfApiCallRetries: 0 });
    const e = await refused(() => stranger.crm.contacts.basicApi.getById(sample.contactId));
    assert.equal(e.code, 401);
    assert.equal(e.body.category, 'INVALID_AUTHENTICATION');
  });
});
