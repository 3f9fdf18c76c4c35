import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/**
 * Makes sure `libDir` holds the runtime jars of `artifacts` and their dependencies, fetched
 * from Maven Central with the installed `mvn`. A finished download is marked by a file, so
 * a second call needs no network and an interrupted one starts over.
 */
export async function ensureJars(
  libDir: string,
  artifacts: readonly MavenArtifact[],
  log: (line: string) => void,
): Promise<void> {
  const done = join(libDir, '.complete');
  if (existsSync(done)) return;
  const work = `${libDir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  writeFileSync(join(work, 'pom.xml'), pom(artifacts));
  log(
    `Downloading ${artifacts.map((a) => `${a.artifactId} ${a.version}`).join(', ')} from Maven Central...`,
  );
  try {
    await run(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        join(work, 'pom.xml'),
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${join(work, 'lib')}`,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const out = error as { stdout?: string; stderr?: string; code?: string };
    if (out.code === 'ENOENT')
      throw new Error(
        'Maven (mvn) is not installed: it fetches the local servers from Maven Central.',
      );
    throw new Error(`mvn failed:\n${out.stdout ?? ''}${out.stderr ?? ''}`);
  }
  const jars = readdirSync(join(work, 'lib')).filter((f) => f.endsWith('.jar'));
  if (jars.length === 0) throw new Error('mvn copied no jars');
  rmSync(libDir, { recursive: true, force: true });
  renameSync(join(work, 'lib'), libDir);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(done, `${jars.length} jars\n`);
  log(`Downloaded ${jars.length} jars into ${libDir}`);
}

function pom(artifacts: readonly MavenArtifact[]): string {
  const deps = artifacts
    .map(
      (a) =>
        `    <dependency><groupId>${a.groupId}</groupId><artifactId>${a.artifactId}</artifactId><version>${a.version}</version></dependency>`,
    )
    .join('\n');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.oneid</groupId>
  <artifactId>runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
${deps}
  </dependencies>
</project>
`;
}
