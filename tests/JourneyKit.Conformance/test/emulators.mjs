// Starts JourneyKit.Testing's HubSpot and Dataverse emulators (the ../Host program) on real sockets and stops them.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const hostDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'Host');
// JOURNEYKIT_CONFORMANCE_HOST points at another build of the host (e.g. one built against an older JourneyKit.Testing).
const hostDll = process.env.JOURNEYKIT_CONFORMANCE_HOST ?? path.join(hostDir, 'bin', 'Debug', 'net10.0', 'JourneyKit.Conformance.Host.dll');

/** Starts the host; resolves with its addresses, tokens and sample ids, and a stop() that closes its standard input. */
export function startEmulators({ timeoutMs = 120_000 } = {}) {
  // CI builds the solution first; a developer who has not gets a build here.
  const args = existsSync(hostDll) ? [hostDll] : ['run', '--project', hostDir];
  const child = spawn('dotnet', args, { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`the emulator host did not start within ${timeoutMs} ms`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator host exited with ${code} before it was ready`)); });
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return; // build output when started through dotnet run
      clearTimeout(timer);
      const info = JSON.parse(line);
      info.stop = () => new Promise((done) => { child.once('exit', done); child.stdin.end(); });
      resolve(info);
    });
  });
}
