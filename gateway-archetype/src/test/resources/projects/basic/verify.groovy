// Runs after each build of the generated project: archetype:integration-test passes its directory as
// projectDir, the invoker's run (invoker.properties) generates it next to this file.
def props = new Properties()
new File(basedir, 'archetype.properties').withReader { props.load(it) }
def generated = context.projectDir ?: new File(basedir, props.artifactId)

assert new File(generated, "target/${props.artifactId}.war").isFile()
assert new File(generated, '.mvn/wrapper/maven-wrapper.properties').text.contains('distributionUrl=')
assert new File(generated, 'mvnw.cmd').isFile()
def mvnw = new File(generated, 'mvnw')
assert mvnw.isFile() && mvnw.canExecute() : 'the wrapper script is executable as generated'
return true
