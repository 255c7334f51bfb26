def log = new File(basedir, 'build.log').text
assert log.contains('Not generating the gateway: these files already exist')
assert log.contains('ChatGateway.java')
assert log.contains('add -Doverwrite to replace them')
assert new File(basedir, 'src/main/java/com/acme/chat/ChatGateway.java').text.contains("Someone's own work")
assert !new File(basedir, 'src/main/java/com/acme/chat/ChatMessage.java').exists() : 'nothing is written when one file exists'
return true
