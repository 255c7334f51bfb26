// The archetype's jar keeps no file modes: the Maven wrapper's script is made executable here.
def mvnw = new File(new File(request.outputDirectory, request.artifactId), 'mvnw')
if (mvnw.isFile() && !mvnw.setExecutable(true, false)) {
    println "[WARNING] Could not make ${mvnw} executable: run it with 'sh mvnw'"
}
