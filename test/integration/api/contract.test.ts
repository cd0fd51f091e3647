import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENDPOINT_SCHEMAS } from '../../../src/api/contract.js';
import { startTestService, type TestService } from '../../helpers/test-service.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe('the web app’s endpoint map (src/api/contract.ts)', () => {
  let server: TestService;
  before(async () => {
    server = await startTestService('sqlite');
  });
  after(() => server.close());

  it('names only routes the server has, method and path template as the route declares them', () => {
    const missing = Object.keys(ENDPOINT_SCHEMAS).filter((endpoint) => {
      const [method, url] = endpoint.split(' ') as [Method, string];
      return !server.service.app.hasRoute({ method, url });
    });
    assert.deepEqual(missing, []);
  });
});
