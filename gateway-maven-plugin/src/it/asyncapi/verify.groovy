import groovy.json.JsonSlurper

def file = new File(basedir, 'target/asyncapi/asyncapi.json')
assert file.isFile() : 'process-classes wrote target/asyncapi/asyncapi.json'
def doc = new JsonSlurper().parse(file)
assert doc.asyncapi == '3.0.0'
assert doc.info.title == 'Acme chat'
assert doc.info.version == '1.0-SNAPSHOT'
assert doc.channels.keySet() == ['ChatGateway'] as Set : 'only the gateway among the compiled classes'
assert doc.channels.ChatGateway.address == '/chat/{room}'
assert doc.channels.ChatGateway.parameters.containsKey('room')
assert doc.operations.containsKey('ChatGateway.send_message')
assert file.text.contains('"author"') : 'the schema of the message record'
def schemes = doc.components.securitySchemes
assert schemes.size() == 1 : 'the @Global guard\'s scheme: ' + schemes
def scheme = schemes.values().iterator().next()
assert scheme.type == 'httpApiKey' && scheme.name == 'X-Api-Key' && scheme.in == 'header'
assert doc.operations['ChatGateway.send_message'].security != null : 'a global guard protects every operation'

def configured = new File(basedir, 'target/docs/chat-api.json')
assert configured.isFile() : 'outputFile is configurable'
def other = new JsonSlurper().parse(configured)
assert other.info.title == 'Chat API'
assert other.info.version == '2.0'
assert other.info.description.startsWith('The chat rooms')
assert other.channels.keySet() == ['ChatGateway'] as Set
return true
